namespace SanLing.Domain.Common;

/// <summary>
/// A field holding personal information about someone (a name, a phone, an address, a plan, a petition's matter, a
/// case's facts). The audit trail keeps the before and after values of such fields only encrypted, readable by the
/// system administrator alone. Mark the property here, where the field is defined: this is the one list.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PersonalAttribute : Attribute;
