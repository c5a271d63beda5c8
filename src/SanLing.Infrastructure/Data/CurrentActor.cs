namespace SanLing.Infrastructure.Data;

/// <summary>
/// Who is acting, and on which town: filled from the signed-in user by the web app, or by a command.
/// The town filter fails closed: with no town, town-scoped queries return nothing.
/// </summary>
public sealed class CurrentActor
{
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public int? TownId { get; set; }

    public void ActAsSystem(int townId, string name = "system")
    {
        UserId = null;
        UserName = name;
        Role = "system";
        TownId = townId;
    }

    /// <summary>A command's work above the towns (a county account): town-scoped queries return nothing.</summary>
    public void ActAsSystemAboveTowns(string name)
    {
        UserId = null;
        UserName = name;
        Role = "system";
        TownId = null;
    }
}
