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

        // At most two characters for each of the name's: a capital becomes '-' and its lower case.
        var segment = new char[name.Length * 2];
        var length = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0) segment[length++] = '-';
                segment[length++] = char.ToLowerInvariant(c);
            }
            else
            {
                segment[length++] = c;
            }
        }
        return new string(segment, 0, length);
    }
}
