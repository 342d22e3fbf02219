namespace WeChatPay.Chain.Cli;

/// <summary>What to suggest for a mistyped command: the known name fewest edits away, if it is close.</summary>
internal static class CommandNames
{
    /// <summary>The name within two edits (or that the word starts) of <paramref name="word"/>, nearest first; null when none is.</summary>
    public static string? Closest(string word, IEnumerable<string> names)
    {
        var lower = word.ToLowerInvariant();
        return names
            .Select(name => (name, distance: name.StartsWith(lower, StringComparison.Ordinal) && lower.Length > 0 ? 0 : Distance(lower, name)))
            .Where(candidate => candidate.distance <= 2)
            .OrderBy(candidate => candidate.distance)
            .Select(candidate => candidate.name)
            .FirstOrDefault();
    }

    /// <summary>The word as it may be repeated back: short, one line; anything else by its length only.</summary>
    public static string Shown(string word)
        => word.Length <= 32 && !word.Any(char.IsControl) ? word : $"({word.Length} characters)";

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) from one word to the other.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
