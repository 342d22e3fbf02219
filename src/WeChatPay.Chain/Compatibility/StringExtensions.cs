namespace WeChatPay.Chain.Compatibility;

/// <summary>The string members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class StringExtensions
{
    extension(string text)
    {
        /// <summary>Whether the text contains <paramref name="value"/>.</summary>
        public bool Contains(char value) => text.IndexOf(value) >= 0;

        /// <summary>Whether the text contains <paramref name="value"/>, compared as <paramref name="comparison"/> says.</summary>
        public bool Contains(string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        /// <summary>Whether the text ends with <paramref name="value"/>.</summary>
        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;

        /// <summary>The text with every CR LF, CR, LF, NEL, LS, FF and PS replaced by <paramref name="replacement"/>.</summary>
        public string ReplaceLineEndings(string replacement)
            => System.Text.RegularExpressions.Regex.Replace(text, "\r\n|[\r\n\u0085\u2028\u000C\u2029]", replacement);
    }
}
