namespace WeChatPay.Chain.Cli;

/// <summary>Parses repeated <c>name=value</c> arguments such as <c>--query mchid=1900000001</c>.</summary>
internal static class KeyValueArguments
{
    /// <summary>Splits each argument at its first <c>=</c>; names must not be empty.</summary>
    /// <exception cref="UsageException">
    /// An argument has no <c>=</c> or an empty name. The argument is described by position and length, never repeated:
    /// it may be a secret pasted into the wrong place (a private key given as <c>--cert</c>, a header's token).
    /// </exception>
    public static List<KeyValuePair<string, string>> Parse(IEnumerable<string> arguments, string option)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var position = 0;
        foreach (var argument in arguments)
        {
            position++;
            var eq = argument.IndexOf('=');
            if (eq <= 0)
                throw new UsageException($"{option} takes name=value; entry #{position} ({argument.Length} characters) has {(eq < 0 ? "no '='" : "nothing before '='")}.");
            pairs.Add(new(argument[..eq], argument[(eq + 1)..]));
        }
        return pairs;
    }
}
