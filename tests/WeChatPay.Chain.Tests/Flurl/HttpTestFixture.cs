using Flurl.Http.Testing;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.Flurl;

/// <summary>A client of the test merchant, made for each test with Flurl's <c>HttpTest</c> active around it.</summary>
public abstract class HttpTestFixture
{
    /// <summary>The fakes and the record of the calls made.</summary>
    protected HttpTest Test { get; private set; } = null!;

    /// <summary>The test merchant's client, whose calls <see cref="Test"/> intercepts.</summary>
    protected WeChatPayClient Client { get; private set; } = null!;

    /// <summary>Starts the <c>HttpTest</c>, then makes the client.</summary>
    [SetUp]
    public void StartHttpTest()
    {
        Test = new HttpTest();
        Client = new WeChatPayClient(TestMerchant.ClientOptions());
    }

    /// <summary>Disposes the client, then ends the <c>HttpTest</c>.</summary>
    [TearDown]
    public void EndHttpTest()
    {
        Client.Dispose();
        Test.Dispose();
    }
}
