namespace WeChatPay.Chain.Cli.Tests;

/// <summary>A path under the system temp folder, deleted with its contents on dispose; it does not exist until used.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wxpay-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        else if (File.Exists(Path)) File.Delete(Path);
    }
}
