using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>Which failure gives which exit code, and that <c>--help</c> lists them all.</summary>
public class ExitCodeTests
{
    [Test]
    public void A_response_that_cannot_be_read_or_trusted_is_a_verification_failure()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExitCodes.For(new ResponseFormatException("larger than MaxResponseBodyBytes", null)), Is.EqualTo(2));
            Assert.That(ExitCodes.For(new DecryptionException("the APIv3 key does not decrypt it")), Is.EqualTo(2));
            Assert.That(ExitCodes.For(new ResponseVerificationException(VerificationFailure.BadSignature, "bad signature")), Is.EqualTo(2));
        });
    }

    [Test]
    public void Bad_settings_and_options_are_usage_errors()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExitCodes.For(new ConfigurationException("MchId is not set")), Is.EqualTo(64));
            Assert.That(ExitCodes.For(new RequestOptionsException("unknown option")), Is.EqualTo(64));
        });
    }

    [Test]
    public void A_refusal_by_the_simulated_wechat_pay_is_an_api_error()
    {
        Assert.That(ExitCodes.For(new SimulatedOrderException("INVALID_REQUEST", "the order is not in CREATED")), Is.EqualTo(1));
    }

    [Test]
    public void No_answer_is_a_transport_error()
    {
        Assert.That(ExitCodes.For(new TransportException("timed out", isTimeout: true, null)), Is.EqualTo(3));
    }

    [Test]
    public async Task Help_lists_every_exit_code()
    {
        var (code, output, _) = await Cli.RunAsync(["--help"]);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("0 success").And.Contain("1 API error").And.Contain("2 response failed verification")
            .And.Contain("3 transport error").And.Contain("64 usage error").And.Contain("70 internal error").And.Contain("130 cancelled (Ctrl+C)"));
    }
}
