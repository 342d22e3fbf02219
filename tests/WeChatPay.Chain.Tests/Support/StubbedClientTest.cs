namespace WeChatPay.Chain.Tests.Support;

/// <summary>A fresh client over a fresh <see cref="StubHandler"/> for each test, disposed after it.</summary>
public abstract class StubbedClientTest
{
    protected StubHandler Stub { get; private set; } = null!;

    protected WeChatPayClient Client { get; private set; } = null!;

    /// <summary>Adjusts the test options before the client is built.</summary>
    protected virtual void Configure(ClientOptions options) { }

    [SetUp]
    public void CreateClient()
    {
        Stub = new StubHandler();
        var options = Fixtures.Options(Stub);
        Configure(options);
        Client = new WeChatPayClient(options);
    }

    [TearDown]
    public void DisposeClient()
    {
        Client.Dispose();
        Stub.Dispose();
    }
}
