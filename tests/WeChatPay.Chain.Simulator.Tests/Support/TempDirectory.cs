namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>A directory under the system temp folder that is deleted, contents and all, on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wxpay-sim-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The directory's path; it does not exist until something creates it.</summary>
    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
