using System.Text;

namespace WeChatPay.Chain.Chaining;

/// <summary>Turns member names of the chained syntax into URL path segments, the way wechatpay-php does.</summary>
internal static class PathSegment
{
    /// <summary>
    /// Maps a member name to a segment: a leading capital is lowered and every other capital becomes <c>-</c> plus its
    /// lower case (<c>SmartretailOrders</c> → <c>smartretail-orders</c>, <c>ComplaintsV2</c> → <c>complaints-v2</c>);
    /// digits and underscores stay (<c>Sub_merchants</c>, <c>Apply4sub</c>); <c>_name_</c> becomes the placeholder <c>{name}</c>.
    /// </summary>
    public static string FromMemberName(string name)
    {
        if (name.Length > 2 && name[0] == '_' && name[^1] == '_') return "{" + name[1..^1] + "}";

        var segment = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0) segment.Append('-');
                segment.Append(char.ToLowerInvariant(c));
            }
            else
            {
                segment.Append(c);
            }
        }
        return segment.ToString();
    }
}
