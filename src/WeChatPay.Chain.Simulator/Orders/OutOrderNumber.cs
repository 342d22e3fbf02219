using System.Text.RegularExpressions;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>The rule for merchant order numbers: 1 to 32 characters of digits, letters and <c>_ - | *</c>.</summary>
internal static partial class OutOrderNumber
{
    public const int MaxLength = 32;

    // \z, not $: $ also matches before a final line break, which would let "A1\n" through.
    [GeneratedRegex(@"^[0-9A-Za-z_\-|*]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Check(string value, string location)
        => Pattern().IsMatch(value)
            ? value
            : throw ApiError.Param("out_order_no", $"must be 1 to {MaxLength} characters of 0-9, A-Z, a-z, _, -, | and *", location);
}
