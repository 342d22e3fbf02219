namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// The one line docs/simulator.md and docs/scripting.md give for a simulator that runs elsewhere (<c>wxpay sim</c> in
/// another shell): its profile alone makes a client, address included.
/// </summary>
public sealed class OneLineClientTests
{
    [TestCase(SignatureScheme.Rsa2048WithSha256)]
    [TestCase(SignatureScheme.Sm2WithSm3)]
    public async Task A_running_simulators_profile_gives_a_working_client_in_one_line(SignatureScheme scheme)
    {
        using var directory = new TempDirectory();
        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = directory.Path });

        dynamic wx = Builder.Factory(SimulatorProfile.Load(directory.Path).ToClientOptions(scheme: scheme));
        var answer = await wx.v3.certificates.getAsync(new { query = new { algorithm_type = scheme == SignatureScheme.Sm2WithSm3 ? "SM2" : "RSA" } });

        var expected = scheme == SignatureScheme.Sm2WithSm3 ? server.Profile.Sm2PlatformCertificateSerial : server.Profile.PlatformCertificateSerial;
        Assert.That((string)answer.data.data[0].serial_no, Is.EqualTo(expected));
        Assert.That((string)answer.getHeaderLine("Wechatpay-Serial"), Is.EqualTo(expected), "verified under the key of the scheme");
    }
}
