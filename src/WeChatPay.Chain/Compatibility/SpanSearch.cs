namespace WeChatPay.Chain.Compatibility;

/// <summary>.NET 8's range search over a span of characters, which netstandard2.0 lacks; a plain loop here.</summary>
internal static class SpanSearch
{
    extension(ReadOnlySpan<char> span)
    {
        /// <summary>The index of the first character from <paramref name="low"/> to <paramref name="high"/>, both included; -1 when none.</summary>
        public int IndexOfAnyInRange(char low, char high)
        {
            for (var i = 0; i < span.Length; i++)
            {
                if ((uint)(span[i] - low) <= (uint)(high - low)) return i;
            }
            return -1;
        }
    }
}
