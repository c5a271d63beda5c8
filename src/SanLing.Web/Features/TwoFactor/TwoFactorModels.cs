namespace SanLing.Web.Features.TwoFactor;

/// <summary>The account's second factor as its owner sees it.</summary>
/// <param name="Enabled">Sign-in asks for a code.</param>
/// <param name="Required">The role requires it here: it cannot be turned off.</param>
/// <param name="MustEnrol">Required but not enrolled: every page leads here until it is.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
public sealed record TwoFactorStatus(bool Enabled, bool Required, bool MustEnrol, int RecoveryCodesLeft);

/// <summary>The enrolment page: the shared key for typing, the otpauth URI for the QR code, and the confirmation form.</summary>
public sealed record EnrolPage(string GroupedKey, string OtpAuthUri, string QrDataUri, EnrolForm Form);

/// <summary>Recovery codes, shown once: on the page that answers the post that made them, never again.</summary>
public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes, bool JustEnrolled);
