namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// How many generated cases each property runs, one constant per property; docs/reliability.md reports these figures
/// and their sum. Set so that the whole project runs in about half a minute on two cores: RSA signing (about a
/// millisecond a time) bounds the client ones.
/// </summary>
internal static class Cases
{
    public const int TemplateExpansion = 5_000;
    public const int TemplateOnTheWire = 5_000;
    public const int TemplateText = 5_000;
    public const int MemberNames = 5_000;
    public const int ClientPaths = 1_000;
    public const int VerifierHeaders = 10_000;
    public const int VerifierOwnBody = 500;
    public const int NotificationBytes = 5_000;
    public const int SignedTextNotifications = 1_500;
    public const int SignedAnyNotifications = 1_500;
    public const int ClientResponses = 1_000;
    public const int PrivateKeyText = 1_000;
    public const int KeyTextAsFilePath = 1_000;
    public const int PublicKeyText = 2_000;
    public const int AuthorizationText = 10_000;
    public const int CertificateAnswers = 1_000;
    public const int ApiV2Documents = 10_000;
    public const int ApiV2Written = 3_000;
}
