namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>Where the repository under test is, found from the test assembly upwards.</summary>
internal static class Repository
{
    public const string Solution = "WeChatPay.Chain.sln";

    public static string Root { get; } = Find();

    /// <summary>A new, empty directory under the system temporary directory, named for the test that uses it.</summary>
    public static string NewTemporaryDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wxpay-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a temporary directory; one left behind is harmless, so a failure to delete is not a test failure.</summary>
    public static void TryDelete(string? path)
    {
        try
        {
            if (path is not null && Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine($"left {path} behind: {e.Message}");
        }
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Solution))) return directory.FullName;
        }
        throw new InvalidOperationException($"No {Solution} above {AppContext.BaseDirectory}.");
    }
}
