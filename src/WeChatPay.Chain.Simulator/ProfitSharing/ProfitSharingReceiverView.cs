namespace WeChatPay.Chain.Simulator;

/// <summary>A profit-sharing receiver as the simulator stores it, with its name decrypted, for tests.</summary>
/// <param name="AppId">The app id it was added under.</param>
/// <param name="Type"><c>MERCHANT_ID</c> or <c>PERSONAL_OPENID</c>.</param>
/// <param name="Account">The merchant id or openid.</param>
/// <param name="Name">The name after decryption with the platform private key; null when none was sent.</param>
/// <param name="RelationType">The relation to the merchant, such as <c>STORE</c> or <c>CUSTOM</c>.</param>
/// <param name="CustomRelation">The relation in words when <paramref name="RelationType"/> is <c>CUSTOM</c>.</param>
public sealed record ProfitSharingReceiverView(string AppId, string Type, string Account, string? Name, string RelationType, string? CustomRelation);
