namespace WeChatPay.Chain.Simulator;

/// <summary>An image a simulated user attached to a complaint, for the merchant to download.</summary>
/// <param name="MediaId">The id, Base64 as WeChat Pay's are: percent-encode it in a path.</param>
/// <param name="MediaUrl">Where to download it: <c>…/v3/merchant-service/images/{media_id percent-encoded}</c>.</param>
public sealed record ComplaintImage(string MediaId, Uri MediaUrl);
