using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeChatPay.Chain.Extensions.DependencyInjection;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>A client whose settings are wrong fails when first asked for, with a message naming the client and the setting.</summary>
public class ConfigurationErrorTests
{
    private GeneratedMerchant _merchant = null!;

    [OneTimeSetUp]
    public void GenerateKeys() => _merchant = new GeneratedMerchant("1900000003");

    [OneTimeTearDown]
    public void DeleteKeys() => _merchant.Dispose();

    [Test]
    public void A_missing_mchid_names_the_client_its_section_and_the_setting()
    {
        var settings = _merchant.Settings("WeChatPay:Broken").Where(setting => !setting.Key.EndsWith(":MchId"));

        var error = Assert.Throws<ConfigurationException>(() => Factory(settings, "broken", "WeChatPay:Broken").Get("broken"))!;

        Assert.That(error.Message, Does.StartWith("WeChat Pay client 'broken' (configuration WeChatPay:Broken): MchId is not set"));
    }

    [Test]
    public void A_key_file_that_does_not_exist_is_named_with_its_full_path()
    {
        var missing = Path.Combine(_merchant.Directory, "no_such_key.pem");
        var settings = _merchant.Settings("Shop").Select(setting => setting.Key == "Shop:PrivateKey" ? new(setting.Key, missing) : setting);

        var error = Assert.Throws<ConfigurationException>(() => Factory(settings, "shop", "Shop").Get("shop"))!;

        Assert.That(error.Message, Does.StartWith("WeChat Pay client 'shop' (configuration Shop): PrivateKey").And.Contain(missing));
    }

    [Test]
    public void A_misspelt_setting_is_refused_rather_than_ignored()
    {
        var settings = _merchant.Settings("Shop").Append(new("Shop:ApiV3Secret", "0123456789abcdef0123456789abcdef"));

        var error = Assert.Throws<ConfigurationException>(() => Factory(settings, "shop", "Shop").Get("shop"))!;

        Assert.That(error.Message, Does.Contain("Shop:ApiV3Secret is not a WeChat Pay client setting").And.Contain("ApiV3Key"));
        Assert.That(error.Message, Does.Not.Contain("0123456789abcdef"), "a value that may be a secret is not repeated");
    }

    [Test]
    public async Task The_APIv2_settings_bind_from_configuration_and_the_certificate_path_is_read_as_a_file()
    {
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=" + _merchant.MchId, _merchant.Key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using (var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
            File.WriteAllText(Path.Combine(_merchant.Directory, "apiclient_cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(_merchant.PrivateKeyPath, _merchant.Key.ExportPkcs8PrivateKeyPem());
        const string apiV2Key = "ConfiguredApiV2Key0123456789ABCD";
        var settings = _merchant.Settings("Shop").Append(new("Shop:ApiV2Key", apiV2Key)).Append(new("Shop:MerchantCertificate", Path.Combine(_merchant.Directory, "apiclient_cert.pem")));
        using var test = new Flurl.Http.Testing.HttpTest();
        var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("result_code", "SUCCESS") };
        fields.Add(new("sign", ApiV2Signature.Sign(fields, apiV2Key)));
        test.RespondWith(ApiV2Xml.Write(fields));

        var client = Factory(settings, "shop", "Shop").Get("shop");
        var response = await client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", new { xml = new { mch_id = _merchant.MchId }, security = true });

        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified), "verified with the configured APIv2 key, sent over the certificate's connection");
    }

    [Test]
    public void A_malformed_timeout_names_the_setting_and_the_expected_form()
    {
        var settings = _merchant.Settings("Shop").Append(new("Shop:Timeout", "30s"));

        var error = Assert.Throws<ConfigurationException>(() => Factory(settings, "shop", "Shop").Get("shop"))!;

        Assert.That(error.Message, Does.Contain("Shop:Timeout is '30s', not a time span such as 00:00:30"));
    }

    [Test]
    public void The_download_limits_bind_from_configuration_and_reach_the_client()
    {
        IWeChatPayClientFactory With(string setting, string value) => Factory(_merchant.Settings("Shop").Append(new($"Shop:{setting}", value)), "shop", "Shop");

        var built = With("DownloadTimeout", "00:30:00").Get("shop");
        var ratio = With("MaxGunzipRatio", "500").Get("shop");
        var negative = Assert.Throws<ConfigurationException>(() => With("DownloadTimeout", "-00:00:01").Get("shop"))!;
        var zero = Assert.Throws<ConfigurationException>(() => With("MaxGunzipRatio", "0").Get("shop"))!;
        var malformed = Assert.Throws<ConfigurationException>(() => With("MaxGunzipRatio", "lots").Get("shop"))!;

        Assert.That((built.MchId, ratio.MchId), Is.EqualTo((_merchant.MchId, _merchant.MchId)));
        Assert.That(negative.Message, Does.Contain("DownloadTimeout must be positive"), "the value reached the client, which checked it");
        Assert.That(zero.Message, Does.Contain("MaxGunzipRatio must be at least 1"));
        Assert.That(malformed.Message, Does.Contain("Shop:MaxGunzipRatio is 'lots', not a whole number"));
    }

    [Test]
    public void Plain_http_to_another_host_is_refused_unless_the_configuration_allows_it()
    {
        var settings = _merchant.Settings("Shop").Where(setting => setting.Key != "Shop:BaseUri").Append(new("Shop:BaseUri", "http://simulator:8080/")).ToArray();

        var refused = Assert.Throws<ConfigurationException>(() => Factory(settings, "shop", "Shop").Get("shop"))!;
        var allowed = Factory(settings.Append(new("Shop:AllowPlainHttp", "true")), "shop", "Shop").Get("shop");
        var malformed = Assert.Throws<ConfigurationException>(() => Factory(settings.Append(new("Shop:AllowPlainHttp", "yes")), "shop", "Shop").Get("shop"))!;

        Assert.That(refused.Message, Does.Contain("AllowPlainHttp"));
        Assert.That(allowed.BaseUri, Is.EqualTo(new Uri("http://simulator:8080/")));
        Assert.That(malformed.Message, Does.Contain("Shop:AllowPlainHttp").And.Contain("true or false"));
    }

    [Test]
    public void A_section_that_is_missing_says_so()
    {
        var error = Assert.Throws<ConfigurationException>(() => Factory(_merchant.Settings("Shop"), "shop", "Shopp").Get("shop"))!;

        Assert.That(error.Message, Does.StartWith("WeChat Pay client 'shop' (configuration Shopp): Shopp is missing or empty"));
    }

    [Test]
    public void An_unregistered_name_lists_the_registered_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => Factory(_merchant.Settings("Shop"), "shop", "Shop").Get("shop-b"))!;

        Assert.That(error.Message, Does.Contain("no WeChat Pay client named 'shop-b'").And.Contain("registered: 'shop'"));
    }

    [Test]
    public void A_client_fixed_after_a_failure_is_built_on_the_next_try()
    {
        var key = Path.Combine(_merchant.Directory, "late_key.pem");
        var settings = _merchant.Settings("Shop").Select(setting => setting.Key == "Shop:PrivateKey" ? new(setting.Key, key) : setting);
        var clients = Factory(settings, "shop", "Shop");
        Assert.Throws<ConfigurationException>(() => clients.Get("shop"));

        File.Copy(_merchant.PrivateKeyPath, key);

        Assert.That(clients.Get("shop").MchId, Is.EqualTo(_merchant.MchId));
    }

    private static IWeChatPayClientFactory Factory(IEnumerable<KeyValuePair<string, string?>> settings, string name, string section)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddWeChatPay(name, configuration.GetSection(section));
        return services.BuildServiceProvider().GetRequiredService<IWeChatPayClientFactory>();
    }
}
