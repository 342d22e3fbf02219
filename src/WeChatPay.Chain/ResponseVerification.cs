namespace WeChatPay.Chain;

/// <summary>What became of WeChat Pay's signature on a call's response (see <see cref="WeChatPayCall.Verification"/>).</summary>
public enum ResponseVerification
{
    /// <summary>No 2xx response to verify: WeChat Pay's signature is checked on 2xx answers only, and errors are reported as they are.</summary>
    NotApplicable,

    /// <summary>The response carries a valid signature by a WeChat Pay key the client trusts.</summary>
    Verified,

    /// <summary>A file download WeChat Pay does not sign (bills, complaint images, receipts); a digest checks it when one is given.</summary>
    Unsigned,

    /// <summary>The response failed verification and must not be trusted.</summary>
    Failed,
}
