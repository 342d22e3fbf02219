namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>A bill file waiting behind a <c>download_url</c> token: the bytes as they will be sent, until it expires.</summary>
internal sealed record PreparedBill(byte[] Content, string ContentType, DateTimeOffset ExpiresAt);
