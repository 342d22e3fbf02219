namespace WeChatPay.Chain.Simulator.Tests;

/// <summary><see cref="SimulatorSettings.PublicKeyMode"/>: a merchant that verifies with the WeChat Pay public key only.</summary>
public sealed class PublicKeyModeTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.PublicKeyMode = true;

    [Test]
    public async Task Certificates_are_404_resource_not_exists()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(404));
        Assert.That(answer.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task The_library_downloader_reports_public_key_mode()
    {
        using var downloader = new PlatformCertificateDownloader(Server.Profile.ToClientOptions());

        var error = (await Assert.ThrowsAsync<NoPlatformCertificatesException>(() => downloader.DownloadAsync()));

        Assert.That(error!.Message, Does.Contain("public key mode"));
    }

    [Test]
    public async Task Every_answer_is_signed_under_the_public_key_id_without_asking()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo));

        Assert.That(answer.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.PublicKeyId));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }
}
