namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// Where <c>wxpay certificates --out</c> writes: a path that is a file, cannot be created or cannot be written to is
/// the caller's to change, so every such failure is a usage error naming <c>--out</c>.
/// </summary>
internal static class OutputDirectory
{
    private const string Option = "--out";

    /// <summary>Creates the directory if need be and returns its full path.</summary>
    /// <exception cref="UsageException">The path is empty, malformed, a file, or cannot be created.</exception>
    public static string Create(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{Option} is empty: give a directory, such as . or ./certs.");
        if (File.Exists(path)) throw new UsageException($"{Option} {path} is a file; give a directory to save the certificates in.");
        try
        {
            return Directory.CreateDirectory(path).FullName;
        }
        catch (Exception e) when (IsPathProblem(e))
        {
            throw new UsageException($"{Option} {path}: cannot create the directory ({e.Message}).");
        }
    }

    /// <summary>Writes one file, replacing any file of that name.</summary>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken);
        }
        catch (Exception e) when (IsPathProblem(e))
        {
            throw new UsageException($"{Option}: cannot write {path} ({e.Message}). Choose a directory you can write to.");
        }
    }

    private static bool IsPathProblem(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
