namespace SanLing.Web;

/// <summary>Marker for the shared UI strings. Keys are the Chinese text; Resources/SharedResource.en.resx translates them.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>, never instantiated
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
