namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// Runs <c>wxpay</c> in-process with its own environment, so a test can set <c>WECHATPAY_*</c> variables without
/// touching the process environment other tests see.
/// </summary>
public static class Cli
{
    public sealed record Result(int Code, string Out, string Err);

    /// <param name="args">The command line.</param>
    /// <param name="environment">The only environment variables the run sees; none when null.</param>
    public static Task<Result> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
        => RunAsync(args, Lookup(environment), CancellationToken.None);

    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="cancellationToken">Stands for Ctrl+C.</param>
    public static async Task<Result> RunAsync(string[] args, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await WxPay.RunAsync(args, stdout, stderr, environment, cancellationToken);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static Func<string, string?> Lookup(IReadOnlyDictionary<string, string>? environment)
        => name => environment is not null && environment.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A writer that request threads and the test can share: whole writes under one lock, read back any time.</summary>
public sealed class SharedWriter : StringWriter
{
    private readonly object _gate = new();

    public override void Write(char value)
    {
        lock (_gate) base.Write(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) base.Write(value);
    }

    public override void WriteLine(string? value)
    {
        lock (_gate) base.WriteLine(value);
    }

    public string Text
    {
        get
        {
            lock (_gate) return ToString();
        }
    }
}
