namespace System.Text;

/// <summary>The ASCII test .NET 10 has in <c>System.Text.Ascii</c>.</summary>
internal static class Ascii
{
    /// <summary>Whether every character of <paramref name="text"/> is below U+0080.</summary>
    public static bool IsValid(string text)
    {
        foreach (var c in text)
            if (c > '\u007F') return false;
        return true;
    }
}
