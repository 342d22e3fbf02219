namespace WeChatPay.Chain.Cli;

/// <summary>Parses repeated <c>name=value</c> arguments such as <c>--query mchid=1900000001</c>.</summary>
internal static class KeyValueArguments
{
    /// <summary>Splits each argument at its first <c>=</c>; names must not be empty.</summary>
    /// <exception cref="UsageException">
    /// An argument has no <c>=</c> or an empty name. For <c>--query</c>, <c>--param</c> and <c>--xml</c> an entry
    /// that is a bare snake_case name (<c>service_id</c>: its value forgotten) is shown with the form it should take;
    /// anything else is described by position and length, never repeated: it may be a secret pasted into the wrong
    /// place (a private key given as <c>--cert</c>, a header's token, an APIv3 key).
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
            {
                var shown = Showable(option, argument) ? $"'{argument}'" : $"({argument.Length} characters)";
                var fix = Showable(option, argument) && eq < 0 ? $"; write {option} {argument}=…" : "";
                throw new UsageException($"{option} takes name=value; entry #{position} {shown} has {(eq < 0 ? "no '='" : "nothing before '='")}{fix}.");
            }
            pairs.Add(new(argument[..eq], argument[(eq + 1)..]));
        }
        return pairs;
    }

    /// <summary>A field name alone: lower-case letters and underscores, as WeChat Pay names fields. Keys and tokens are not that.</summary>
    private static bool Showable(string option, string argument)
        => option is "--query" or "--param" or "--xml" && argument.Length is > 0 and <= 32 && argument.All(c => c is (>= 'a' and <= 'z') or '_');
}
