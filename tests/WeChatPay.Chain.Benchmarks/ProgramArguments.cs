using System.Globalization;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>The program's arguments: a mode, <c>--name value</c> options, and whatever is left for BenchmarkDotNet.</summary>
/// <param name="args">The arguments as given.</param>
public sealed class ProgramArguments(string[] args)
{
    /// <summary>The first argument, the mode (<c>micro</c>, <c>inproc</c>, …, or <c>--quick</c>); empty when none.</summary>
    public string Mode => args.Length > 0 ? args[0] : "";

    private static readonly string[] OwnOptions = ["--rounds", "--calls", "--callers", "--seconds", "--repeats"];
    private static readonly string[] OwnFlags = ["--interleaved-only"];

    /// <summary>
    /// The arguments after the mode without this program's own options and their values, for BenchmarkDotNet
    /// (<c>--filter</c>, <c>--job</c>, …), which refuses options it does not know.
    /// </summary>
    public string[] Rest
    {
        get
        {
            var rest = new List<string>();
            for (var i = 1; i < args.Length; i++)
            {
                if (OwnOptions.Contains(args[i])) i++;
                else if (!OwnFlags.Contains(args[i])) rest.Add(args[i]);
            }
            return [.. rest];
        }
    }

    /// <summary>Whether the flag <c>--name</c> was given.</summary>
    public bool Flag(string name) => args.Contains("--" + name);

    /// <summary>The integer after <c>--name</c>, or <paramref name="fallback"/> when absent.</summary>
    public int Integer(string name, int fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The word after <c>--name</c>, or <paramref name="fallback"/> when absent.</summary>
    public string Text(string name, string fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>The number after <c>--name</c>, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string name, double fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
