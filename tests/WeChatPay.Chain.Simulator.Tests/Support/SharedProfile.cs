namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// Generates one profile for the whole run (RSA key generation is the slow part) and deletes it afterwards. Tests that
/// are about profile generation make their own.
/// </summary>
[SetUpFixture]
public sealed class SharedProfile
{
    private static TempDirectory? _directory;

    public static string Directory => _directory?.Path ?? throw new InvalidOperationException("The shared profile is made in OneTimeSetUp.");

    [OneTimeSetUp]
    public void Generate()
    {
        _directory = new TempDirectory();
        SimulatorProfile.LoadOrCreate(_directory.Path);
    }

    [OneTimeTearDown]
    public void Delete() => _directory?.Dispose();
}
