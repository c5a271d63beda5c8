using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Tests.Support;

/// <summary>
/// A small hand-made town, described fluently and written straight into the database:
/// <c>new TownBuilder().WithRuleSet().Village("CUN01").WithGrids(2).Enterprise("QY01").BuildAsync(db)</c>.
/// Enterprises and units sit in the last village or community declared unless a territory is named; <c>WithGrids</c>,
/// <c>WithGrid</c> and <c>With</c> change the last subject declared.
/// </summary>
public sealed class TownBuilder(string code = "T1", string name = "测试镇")
{
    /// <summary>The password of every account the builder creates.</summary>
    public const string Password = "Town-tests-2026";

    private readonly Town _town = new() { Code = code, Name = name };
    private readonly List<Subject> _subjects = [];
    private readonly List<(Grid Grid, string Account)> _gridAccounts = [];
    private readonly List<(string UserName, string Role, string? Scope)> _users = [];
    private RuleSet? _ruleSet;
    private Subject? _territory;
    private (string Principal, string Leader)? _responsible;

    private Subject Last => _subjects.Count > 0 ? _subjects[^1] : throw new InvalidOperationException("Declare a subject first.");

    /// <summary>The town belongs to a county (a deployment that runs many towns).</summary>
    public TownBuilder InCounty(int countyId)
    {
        _town.CountyId = countyId;
        return this;
    }

    public TownBuilder DueDay(int day)
    {
        _town.InspectionDueDay = day;
        return this;
    }

    /// <summary>The town's rule set: the 2020 default unless another is given.</summary>
    public TownBuilder WithRuleSet(RuleSet? ruleSet = null)
    {
        _ruleSet = ruleSet ?? DefaultRuleSet.Create2020();
        return this;
    }

    /// <summary>Every subject gets a principal and a leader in charge (item 1.2 passes).</summary>
    public TownBuilder WithResponsiblePersons(string principal = "张三", string leader = "李四")
    {
        _responsible = (principal, leader);
        return this;
    }

    public TownBuilder Village(string code, string? name = null) => Subject(code, SubjectKind.Village, name);

    public TownBuilder Community(string code, string? name = null) => Subject(code, SubjectKind.Community, name);

    public TownBuilder Enterprise(string code, string? name = null, string? territory = null) => Subject(code, SubjectKind.Enterprise, name, territory);

    public TownBuilder Unit(string code, string? name = null, string? territory = null) => Subject(code, SubjectKind.Unit, name, territory);

    public TownBuilder Subject(string code, SubjectKind kind, string? name = null, string? territory = null)
    {
        var subject = new Subject
        {
            Code = code,
            Name = name ?? $"{code}名称",
            Kind = kind,
            PrincipalName = _responsible?.Principal,
            LeaderInChargeName = _responsible?.Leader,
        };
        if (kind.IsTerritory())
        {
            _territory = subject;
        }
        else
        {
            subject.Territory = territory is null
                ? _territory ?? throw new InvalidOperationException($"{code} needs a village or community declared before it.")
                : _subjects.Single(s => s.Code == territory);
        }
        _subjects.Add(subject);
        return this;
    }

    /// <summary>Changes the last subject declared (contact person, dates…).</summary>
    public TownBuilder With(Action<Subject> change)
    {
        change(Last);
        return this;
    }

    /// <summary><paramref name="count"/> grids <c>CODE-G1…</c> (第1网格…) of the last subject, each with a worker.</summary>
    public TownBuilder WithGrids(int count, string worker = "王五")
    {
        for (var g = 1; g <= count; g++)
        {
            WithGrid($"{Last.Code}-G{g}", $"第{g}网格", worker);
        }
        return this;
    }

    /// <summary>One grid or workshop of the last subject; <paramref name="account"/> names the worker's portal account.</summary>
    public TownBuilder WithGrid(string code, string name, string? worker = null, string? phone = null, string? account = null)
    {
        var grid = new Grid { Code = code, Name = name, WorkerName = worker, WorkerPhone = phone };
        Last.Grids.Add(grid);
        if (account is not null)
        {
            _gridAccounts.Add((grid, account));
        }
        return this;
    }

    /// <summary>A portal account of the town (password <see cref="Password"/>), scoped to a subject by code or town-wide.</summary>
    public TownBuilder User(string userName, string role, string? scope = null)
    {
        _users.Add((userName, role, scope));
        return this;
    }

    /// <summary>Writes the town, its rule set, subjects, grids and (with <paramref name="services"/>) accounts.</summary>
    public async Task<BuiltTown> BuildAsync(SanLingDbContext db, IServiceProvider? services = null)
    {
        db.Towns.Add(_town);
        await db.SaveChangesAsync();
        db.Actor.ActAsSystem(_town.Id, "test");
        if (_ruleSet is not null)
        {
            db.RuleSets.Add(_ruleSet);
        }
        db.Subjects.AddRange(_subjects);
        await db.SaveChangesAsync();

        var town = new BuiltTown(db, _town, _subjects);
        if (_users.Count > 0)
        {
            var users = (services ?? throw new InvalidOperationException("Accounts need the app's services.")).GetRequiredService<UserManager<AppUser>>();
            foreach (var (userName, role, scope) in _users)
            {
                var user = new AppUser
                {
                    UserName = userName, DisplayName = userName, TownId = _town.Id, CreatedAt = DateTimeOffset.UtcNow,
                    ScopeSubjectId = scope is null ? null : town.Id(scope),
                };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
                town.UserIds[userName] = user.Id;
            }
            foreach (var (grid, account) in _gridAccounts)
            {
                grid.WorkerUserId = town.UserIds[account];
            }
            await db.SaveChangesAsync();
        }
        return town;
    }

    /// <summary>Builds into the app's database of <paramref name="factory"/> (accounts included).</summary>
    public async Task<BuiltTown> BuildAsync(SanLingFactory factory)
    {
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        return await BuildAsync(scope.ServiceProvider.GetRequiredService<SanLingDbContext>(), scope.ServiceProvider);
    }
}

/// <summary>What a <see cref="TownBuilder"/> wrote, with helpers for the facts a test adds on top.</summary>
public sealed class BuiltTown(SanLingDbContext db, Town town, IReadOnlyList<Subject> subjects)
{
    public Town Town { get; } = town;

    /// <summary>The subjects in the order they were declared.</summary>
    public IReadOnlyList<Subject> Subjects { get; } = subjects;

    public Dictionary<string, string> UserIds { get; } = [];

    public Subject this[string code] => Subjects.Single(s => s.Code == code);

    public int Id(string code) => this[code].Id;

    public IEnumerable<Grid> Grids => Subjects.SelectMany(s => s.Grids);

    /// <summary>Submitted inspections of every grid (or the subject itself) for every month of the year.</summary>
    public void InspectAllMonths(Subject subject, int year)
    {
        var units = subject.Grids.Count > 0 ? subject.Grids.Select(g => (Grid?)g).ToList() : [null];
        for (var m = 1; m <= 12; m++)
        {
            foreach (var grid in units)
            {
                db.Inspections.Add(new Inspection
                {
                    Subject = subject,
                    Grid = grid,
                    Month = MonthPeriod.Of(year, m),
                    InspectedOn = MonthPeriod.Of(year, m).AddDays(20),
                    Status = InspectionStatus.Submitted,
                    NothingFound = true,
                });
            }
        }
    }

    /// <summary>达标 attestations of every item the subject's kind attests, except those listed.</summary>
    public void AttestAll(Subject subject, int year, params string[] except)
    {
        foreach (var item in DefaultRuleSet.Create2020().AttestedItemsFor(subject.Kind).Where(i => !except.Contains(i.Code)))
        {
            db.Attestations.Add(new Attestation { Subject = subject, Year = year, ItemCode = item.Code, Result = AttestationResult.Pass });
        }
    }

    public Task SaveAsync() => db.SaveChangesAsync();
}
