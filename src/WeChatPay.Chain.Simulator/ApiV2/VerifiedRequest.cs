using System.Globalization;
using System.Text.RegularExpressions;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// An APIv2 request whose <c>sign</c> checked out under the merchant's APIv2 key, with the field readers the endpoints
/// share: each refuses a missing or malformed field with a <c>return_msg</c> that names it.
/// </summary>
internal sealed partial class VerifiedRequest
{
    /// <summary>The largest amount taken, in fen: a hundred million yuan.</summary>
    private const long MaxFen = 10_000_000_000;

    public VerifiedRequest(ApiV2Fields fields, ApiV2SignType signType)
    {
        Fields = fields;
        SignType = signType;
    }

    /// <summary>Every field as received, <c>sign</c> included.</summary>
    public ApiV2Fields Fields { get; }

    /// <summary>How the request was signed; the answer is signed the same way.</summary>
    public ApiV2SignType SignType { get; }

    public string AppId => Fields["appid"];

    public string MchId => Fields["mch_id"];

    // WeChat Pay's rule for merchant order and refund numbers: digits, ASCII letters and _-|*@.
    [GeneratedRegex(@"^[0-9A-Za-z_\-|*@]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex MerchantNumber();

    /// <summary>A field that must be present and non-empty, at most <paramref name="maxLength"/> characters.</summary>
    /// <exception cref="ApiV2Failure">Refused: missing, empty or too long.</exception>
    public string Required(string name, int maxLength = 32)
        => Optional(name, maxLength) ?? throw ApiV2Failure.Missing(name);

    /// <summary>A field that may be absent; null when it is absent or empty.</summary>
    /// <exception cref="ApiV2Failure">Refused: longer than <paramref name="maxLength"/>.</exception>
    public string? Optional(string name, int maxLength = 128)
    {
        if (!Fields.TryGetValue(name, out var value) || value.Length == 0) return null;
        return value.Length <= maxLength ? value : throw ApiV2Failure.Invalid(name, $"is longer than {maxLength} characters");
    }

    /// <summary>A merchant order or refund number: 1 to <paramref name="maxLength"/> of <c>0-9A-Za-z_-|*@</c>.</summary>
    /// <exception cref="ApiV2Failure">Refused: missing or not of that form.</exception>
    public string MerchantNumberField(string name, int maxLength = 32)
        => OptionalMerchantNumber(name, maxLength) ?? throw ApiV2Failure.Missing(name);

    /// <summary>As <see cref="MerchantNumberField"/>, for a field that may be absent.</summary>
    public string? OptionalMerchantNumber(string name, int maxLength = 32)
    {
        var value = Optional(name, maxLength);
        return value is null || MerchantNumber().IsMatch(value)
            ? value
            : throw ApiV2Failure.Invalid(name, $"must be 1 to {maxLength} characters of 0-9, A-Z, a-z, _, -, |, * and @");
    }

    /// <summary>An amount in fen: a positive whole number.</summary>
    /// <exception cref="ApiV2Failure">Refused: missing, or not a positive integer.</exception>
    public long Fen(string name)
    {
        var text = Required(name, 12);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fen) && fen is > 0 and <= MaxFen
            ? fen
            : throw ApiV2Failure.Invalid(name, "must be a positive whole number of fen (1 = 0.01 yuan)");
    }
}
