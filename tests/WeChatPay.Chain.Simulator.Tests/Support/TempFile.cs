namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>A file under the system temp folder holding given bytes, deleted on dispose: for tools that read files.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(byte[] content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wxpay-sim-tests-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
