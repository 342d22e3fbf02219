using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Extensions.DependencyInjection;
using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Simulator;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>
/// With the merchant's real private key (PEM text) and APIv3 key configured, provoke every exception type the library,
/// the simulator and the ASP.NET Core endpoint throw, and every kind of log line the endpoint and the clients registered
/// with <c>AddWeChatPay</c> write; then look for a private key, the APIv3 key or a signature in every message,
/// <c>ToString()</c>, response, answer, log line and transcript.
/// </summary>
public class SecretLeakTests
{
    private const string Path = "v3/certificates";

    private readonly SecretMaterial _secrets = new();
    private readonly Evidence _evidence = new();
    private readonly CapturedLogs _logs = new();
    private readonly List<IDisposable> _disposables = [];
    private SimulatorProfile _profile = null!;
    private Uri _baseUri = null!;
    private string _merchantPem = null!;
    private RSA _platformKey = null!;

    [OneTimeSetUp]
    public async Task Provoke()
    {
        _profile = SimulatorProfile.Load(SharedProfile.Directory);
        _merchantPem = File.ReadAllText(_profile.PrivateKeyPath);
        var platformPem = File.ReadAllText(System.IO.Path.Combine(_profile.Directory, "simulator", "platform_key.pem"));
        _secrets.AddPrivateKey("the merchant private key", _merchantPem);
        using (var merchant = RSA.Create())
        {
            merchant.ImportFromPem(_merchantPem);
            _secrets.AddPrivateKey("the merchant private key as PKCS#1", merchant.ExportRSAPrivateKeyPem());
        }
        _secrets.AddPrivateKey("the platform private key", platformPem);
        _platformKey = RSA.Create();
        _platformKey.ImportFromPem(platformPem);
        _secrets.Add("the APIv3 key", _profile.ApiV3Key);

        var failHandlerOnce = 1;
        var failObserverOnce = 1;
        using var endpointClient = new WeChatPayClient(Options(ClientOptions.DefaultBaseUri));
        await using var endpoint = await NotificationEndpointHost.StartAsync(endpointClient, _logs, (notification, context, _) =>
        {
            _secrets.AddSignature("a notification", context.Request.Headers[WeChatPayHeaders.Signature].ToString());
            _evidence.Text("a received notification", notification.ToString());
            if (notification.EventType == "PAYSCORE.USER_CONFIRM" && Interlocked.Exchange(ref failHandlerOnce, 0) == 1)
                throw new InvalidOperationException("The ledger is unavailable.");
            return Task.CompletedTask;
        }, new NotificationEndpointOptions
        {
            MaxBodyBytes = 64 * 1024,
            OnRejected = rejection =>
            {
                _evidence.Text("a rejection", rejection.Message);
                if (rejection.Exception is { } e) _evidence.Exception("a rejection's exception", e);
                if (Interlocked.Exchange(ref failObserverOnce, 0) == 1) throw new InvalidOperationException("The metrics sink is down.");
            },
        });

        await using var simulator = await Simulators.StartAsync(settings => settings.NotifyUrl = endpoint.NotifyUrl);
        simulator.RequestHandled += (_, exchange) => _evidence.Text("the simulator's transcript", exchange.ToString());
        simulator.NotificationAttempted += (_, attempt) => _evidence.Text("the simulator's notification transcript", attempt.ToString());
        _baseUri = simulator.BaseUri;

        await PlayAnOrderAsync(simulator);
        await ProvokeClientAsync(simulator);
        await ProvokeApiV2Async();
        await ProvokeNotificationsAsync(endpoint);
        await ProvokeSimulatorAsync(simulator);
        await ProvokeRegisteredClientsAsync(simulator);
        ProvokeEndpointMapping();

        foreach (var line in _logs.Lines) _evidence.Text("a log line", line.ToString());
    }

    [OneTimeTearDown]
    public void Release()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _platformKey?.Dispose();
        _logs.Dispose();
    }

    [Test]
    public void The_secrets_were_in_play_and_would_be_found()
    {
        Assert.That(_secrets.SignatureCount, Is.GreaterThan(20), "request, response and notification signatures were recorded");
        Assert.That(_secrets.KeyFragmentCount, Is.GreaterThan(200));
        Assert.That(_secrets.FoundIn("… " + _merchantPem.Split('\n')[5] + " …"), Is.Not.Empty, "a line of the key is found");
        Assert.That(_secrets.FoundIn(_profile.ApiV3Key), Is.Not.Empty);
        foreach (var line in new[] { "verified and handled", "rejected with 400", "rejected with 401", "rejected with 413", "The handler failed", "OnRejected threw" })
            Assert.That(_logs.All, Does.Contain(line), "every kind of line the endpoint logs was written");
        foreach (var line in new[] { "-> 200 in", "failed after", "cancelled by the caller" })
            Assert.That(_logs.All, Does.Contain(line), "every kind of line a registered client logs was written");
        Assert.That(_logs.All, Does.Contain(nameof(ResponseVerificationException) + ":"), "a failure line carries its exception");
        Assert.That(_evidence.DidNotThrow, Is.Empty, "every provocation threw");
        TestContext.Progress.WriteLine($"{_evidence.Exceptions.Count} exceptions, {_evidence.Texts.Count} texts searched, {_secrets.SignatureCount} signatures, {_secrets.KeyFragmentCount} key fragments, {_logs.Lines.Count} log lines");
    }

    [Test]
    public void Every_public_exception_type_was_provoked()
    {
        var types = new[] { typeof(WeChatPayClient).Assembly, typeof(SimulatorServer).Assembly, typeof(NotificationEndpointOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToArray();
        var provoked = _evidence.Exceptions.Select(e => e.GetType()).ToHashSet();

        Assert.That(types, Has.Length.GreaterThanOrEqualTo(10));
        foreach (var type in types)
            Assert.That(provoked.Any(type.IsAssignableFrom), Is.True, $"{type.Name} was provoked");
        foreach (var leaf in types.Where(t => !types.Any(other => other != t && t.IsAssignableFrom(other))))
            Assert.That(provoked, Does.Contain(leaf), $"{leaf.Name} itself was thrown");
    }

    [Test]
    public void No_message_string_answer_log_line_or_transcript_shows_a_secret()
    {
        var leaks = _evidence.Texts
            .SelectMany(t => _secrets.FoundIn(t.Text).Select(secret => $"{t.Where} shows {secret}: {Clip(t.Text)}"))
            .ToArray();

        Assert.That(_evidence.Texts, Has.Count.GreaterThan(100));
        Assert.That(leaks, Is.Empty, string.Join("\n", leaks.Take(10)));
    }

    private ClientOptions Options(Uri? baseUri = null) => Fill(new ClientOptions(), baseUri);

    private ClientOptions Fill(ClientOptions options, Uri? baseUri = null)
    {
        options.MchId = _profile.MchId;
        options.Serial = _profile.MerchantSerial;
        options.PrivateKey = _merchantPem;
        options.Certs[_profile.PlatformCertificateSerial] = File.ReadAllText(_profile.PlatformCertificatePath);
        options.Certs[_profile.PublicKeyId] = File.ReadAllText(_profile.CertificatePaths[_profile.PublicKeyId]);
        options.ApiV3Key = _profile.ApiV3Key;
        options.BaseUri = baseUri ?? _baseUri;
        options.HttpMessageHandler = Recorder();
        return options;
    }

    private SignatureRecorder Recorder()
    {
        var recorder = new SignatureRecorder(_secrets);
        _disposables.Add(recorder);
        return recorder;
    }

    private WeChatPayClient Client(Action<ClientOptions>? change = null)
    {
        var options = Options();
        change?.Invoke(options);
        var client = new WeChatPayClient(options);
        _disposables.Add(client);
        return client;
    }

    /// <summary>The whole smart-retail flow, so that the simulator signs answers and posts signed, encrypted notifications.</summary>
    private async Task PlayAnOrderAsync(SimulatorServer simulator)
    {
        var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        await client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(outOrderNo));
        await simulator.AcceptOrderAsync(outOrderNo);
        var order = await client.SendAsync(HttpMethod.Get, SmartRetail.Path, SmartRetail.Query(outOrderNo));
        await client.SendAsync(HttpMethod.Post, SmartRetail.Path + "/{out_order_no}/complete", new
        {
            out_order_no = outOrderNo,
            json = new
            {
                appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId, finish_type = 2, total_amount = 300, profit_sharing = false,
                fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } },
                finish_ticket = (string)order.Json["finish_ticket"]!,
            },
        });
        await simulator.PayOrderAsync(outOrderNo);
        await simulator.WaitForNotificationsAsync();
        _evidence.Text("a response", order.ToString());
        _evidence.Text("the client", client.ToString());
    }

    /// <summary>APIv2's failures, answered by Flurl's <c>HttpTest</c> with what WeChat Pay's XML API gives.</summary>
    private async Task ProvokeApiV2Async()
    {
        const string apiV2Key = "ReliabilityApiV2Key0123456789ABC";
        _secrets.Add("the APIv2 key", apiV2Key);
        _evidence.Throws("ConfigurationException: an APIv2 key one character short", () => Client(o => o.ApiV2Key = apiV2Key[1..]));
        var client = Client(o => o.ApiV2Key = apiV2Key);
        var micropay = new { xml = new { mch_id = _profile.MchId, out_trade_no = "1", auth_code = "120061098828009406" } };
        _evidence.Throws("RequestOptionsException: APIv2 fields of another merchant", () => client.Send(HttpMethod.Post, "v2/pay/micropay", new { xml = new { mch_id = "1" } }));
        using (var test = new Flurl.Http.Testing.HttpTest())
        {
            test.RespondWith("<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[签名错误]]></return_msg></xml>");
            await _evidence.ThrowsAsync("ApiV2Exception: return_code FAIL", () => client.SendAsync(HttpMethod.Post, "v2/pay/micropay", micropay));
            test.RespondWith("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code><sign>9A0A8659F005D6984697E2CA0A9CF3B7</sign></xml>");
            await _evidence.ThrowsAsync("ResponseVerificationException: an APIv2 answer with a wrong sign", () => client.SendAsync(HttpMethod.Post, "v2/pay/micropay", micropay));
            test.RespondWith("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><xml><return_code>&x;</return_code></xml>");
            await _evidence.ThrowsAsync("ResponseFormatException: an APIv2 answer with an external entity", () => client.SendAsync(HttpMethod.Post, "v2/pay/micropay", micropay));
        }
        _evidence.Throws("DecryptionException: a refund notification under another APIv2 key", () =>
            client.NotificationsV2.Read(System.Text.Encoding.UTF8.GetBytes($"<xml><return_code>SUCCESS</return_code><req_info>{Convert.ToBase64String(new byte[64])}</req_info></xml>")));
        _evidence.Text("ApiV2NotificationReader.ToString()", client.NotificationsV2.ToString()!);
    }

    private async Task ProvokeClientAsync(SimulatorServer simulator)
    {
        var apiV3Key = _profile.ApiV3Key;
        var damagedLines = _merchantPem.Split('\n');
        damagedLines[3] = damagedLines[3][..10] + "!!" + damagedLines[3][12..];

        _evidence.Throws("ConfigurationException: merchant serial in Certs", () => Client(o => o.Certs[_profile.MerchantSerial] = File.ReadAllText(_profile.MerchantCertificatePath)));
        _evidence.Throws("ConfigurationException: damaged private key", () => Client(o => o.PrivateKey = string.Join('\n', damagedLines)));
        _evidence.Throws("ConfigurationException: private key as a certificate", () => Client(o => o.Certs["X"] = _merchantPem));
        _evidence.Throws("ConfigurationException: APIv3 key one character too long", () => Client(o => o.ApiV3Key = apiV3Key + "x"));
        _evidence.Throws("ConfigurationException: APIv3 key with a non-ASCII character", () => Client(o => o.ApiV3Key = "é" + apiV3Key[1..]));
        _evidence.Throws("ConfigurationException: no APIv3 key", () => _ = Client(o => o.ApiV3Key = null).Notifications);
        _evidence.Throws("ConfigurationException: bad retry policy", () => Client(o => o.Retry = new RetryPolicy { MaxAttempts = 0 }));

        var client = Client();
        _evidence.Throws("RequestOptionsException: a header value with a line break", () => client.Send(HttpMethod.Get, Path, new { headers = new Dictionary<string, string> { ["X-Key"] = apiV3Key + "\r\nX: 1" } }));
        _evidence.Throws("RequestOptionsException: a query value of the wrong shape", () => client.Send(HttpMethod.Get, Path, new { query = new { key = new[] { apiV3Key } } }));
        _evidence.Throws("RequestOptionsException: json and body together", () => client.Send(HttpMethod.Post, Path, new { json = new { key = apiV3Key }, body = apiV3Key }));
        _evidence.Throws("RequestOptionsException: a json string that is not JSON", () => client.Send(HttpMethod.Post, Path, new { json = "{\"key\":\"" + apiV3Key }));
        _evidence.Throws("RequestOptionsException: an unknown option", () => client.Send(HttpMethod.Post, Path, new Dictionary<string, object?> { ["apikey"] = apiV3Key }));
        _evidence.Throws("RequestOptionsException: Authorization set by hand", () => client.Send(HttpMethod.Get, Path, new { headers = new { Authorization = "WECHATPAY2-SHA256-RSA2048 signature=\"" + apiV3Key + "\"" } }));

        await _evidence.ThrowsAsync("ApiException: SIGN_ERROR from a clock an hour slow", () => Client(o => o.TimeProvider = new ShiftedClock(TimeSpan.FromHours(-1))).SendAsync(HttpMethod.Get, Path));
        await _evidence.ThrowsAsync("ApiException: PARAM_ERROR", () => client.SendAsync(HttpMethod.Post, SmartRetail.Path, new { json = new { appid = SmartRetail.AppId, out_order_no = new string('x', 40), service_id = SmartRetail.ServiceId } }));
        simulator.InjectFault(SimulatedFault.SystemError());
        await _evidence.ThrowsAsync("ApiException: SYSTEM_ERROR", () => client.SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.GatewayPage());
        await _evidence.ThrowsAsync("ApiException: a gateway page", () => client.SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.Answer(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书") with { PathPrefix = "/v3/certificates" });
        await _evidence.ThrowsAsync("NoPlatformCertificatesException", async () =>
        {
            using var downloader = new PlatformCertificateDownloader(Options());
            await downloader.DownloadAsync();
        });

        var otherKey = RSA.Create(2048).ExportSubjectPublicKeyInfoPem();
        await _evidence.ThrowsAsync("ResponseVerificationException: a bad signature", () => Client(o => o.Certs = new Dictionary<string, object> { [_profile.PlatformCertificateSerial] = otherKey }).SendAsync(HttpMethod.Get, Path));
        await _evidence.ThrowsAsync("ResponseVerificationException: an unknown serial", () => Client(o => o.Certs.Remove(_profile.PlatformCertificateSerial)).SendAsync(HttpMethod.Get, Path));
        await _evidence.ThrowsAsync("ResponseFormatException: over MaxResponseBodyBytes", () => Client(o => o.MaxResponseBodyBytes = 16).SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.DropConnection());
        await _evidence.ThrowsAsync("TransportException: a dropped connection", () => client.SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(10)));
        await _evidence.ThrowsAsync("TransportException: a timeout", () => Client(o => o.Timeout = TimeSpan.FromMilliseconds(200)).SendAsync(HttpMethod.Get, Path));
        _evidence.Throws("DecryptionException: a field not encrypted for the merchant", () => client.Decrypt(Convert.ToBase64String(new byte[256])));
        _evidence.Throws("DecryptionException: a notification under another APIv3 key", () =>
        {
            var notification = HandMadeNotification.Create(_profile, _platformKey, apiV3Key: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4");
            client.Notifications.Read(notification.Body, notification.Headers);
        });
        _evidence.Throws("ResponseVerificationException: a notification altered after signing", () =>
        {
            var notification = HandMadeNotification.Create(_profile, _platformKey);
            _secrets.AddSignature("a hand-made notification", notification.Signature);
            notification.Body[^3] ^= 1;
            client.Notifications.Read(notification.Body, notification.Headers);
        });

        foreach (var shown in new object[] { client, client.Signer, client.Verifier, client.PlatformKeys, client.Notifications, Options(), new Sensitive(apiV3Key), new AeadAesGcm(apiV3Key), client.FlurlClient, client.Root })
            _evidence.Text($"{shown.GetType().Name}.ToString()", shown.ToString());
    }

    private async Task ProvokeNotificationsAsync(NotificationEndpointHost endpoint)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var posts = new (string What, HandMadeNotification Notification)[]
        {
            ("a valid notification", HandMadeNotification.Create(_profile, _platformKey)),
            ("a notification under another APIv3 key", HandMadeNotification.Create(_profile, _platformKey, apiV3Key: "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4")),
            ("a notification ten minutes old", HandMadeNotification.Create(_profile, _platformKey, timestampOffset: -600)),
            ("a probe", HandMadeNotification.Create(_profile, _platformKey, signature: "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(new byte[256]))),
            ("a notification under an unknown serial", HandMadeNotification.Create(_profile, _platformKey, serial: "0123456789ABCDEF")),
            ("a notification altered after signing", HandMadeNotification.Create(_profile, _platformKey)),
            ("a notification with a repeated signature header", HandMadeNotification.Create(_profile, _platformKey)),
            ("a notification too large", HandMadeNotification.Create(_profile, _platformKey)),
            ("a notification that is not JSON", HandMadeNotification.Create(_profile, _platformKey)),
        };
        posts[5].Notification.Body[^3] ^= 1;
        posts[6].Notification.Headers.Add(new(WeChatPayHeaders.Signature, posts[6].Notification.Signature));
        posts[7].Notification.Body = [.. posts[7].Notification.Body, .. new byte[128 * 1024]];
        posts[8].Notification.Body = "not json"u8.ToArray();
        foreach (var (what, notification) in posts)
        {
            _secrets.AddSignature("a hand-made notification", notification.Signature);
            _evidence.Text($"the answer to {what}", await notification.PostAsync(http, endpoint.NotifyUrl));
        }
    }

    private async Task ProvokeSimulatorAsync(SimulatorServer simulator)
    {
        await _evidence.ThrowsAsync("SimulatedOrderException", () => simulator.AcceptOrderAsync("NOPE1"));
        await _evidence.ThrowsAsync("ArgumentException: simulator settings", () => SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, NotificationTimeout = TimeSpan.Zero }));
        var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wxpay-reliability-corrupt-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(SharedProfile.Directory, copy);
            var profileJson = System.IO.Path.Combine(copy, "profile.json");
            var document = JsonNode.Parse(File.ReadAllText(profileJson))!;
            document["apiV3Key"] = _profile.ApiV3Key + "x";
            File.WriteAllText(profileJson, document.ToJsonString());
            _evidence.Throws("ConfigurationException: a profile with a bad APIv3 key", () => SimulatorProfile.Load(copy));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
        _evidence.Text("SimulatorServer.ToString()", simulator.ToString());
        _evidence.Text("SimulatorProfile.ToString()", simulator.Profile.ToString());
    }

    /// <summary>Clients from <c>AddWeChatPay</c> log one line per call: answered, failed (with the exception) or cancelled.</summary>
    private async Task ProvokeRegisteredClientsAsync(SimulatorServer simulator)
    {
        var otherKey = RSA.Create(2048).ExportSubjectPublicKeyInfoPem();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddWeChatPay(options => Fill(options));
        services.AddWeChatPay("wrong-platform-key", options => Fill(options).Certs = new Dictionary<string, object> { [_profile.PlatformCertificateSerial] = otherKey });
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IWeChatPayClientFactory>();
        var client = clients.Get("");

        _evidence.Text("a response through AddWeChatPay", (await client.SendAsync(HttpMethod.Get, Path)).ToString());
        await _evidence.ThrowsAsync("ResponseVerificationException through AddWeChatPay", () => clients.Get("wrong-platform-key").SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.DropConnection());
        await _evidence.ThrowsAsync("TransportException through AddWeChatPay", () => client.SendAsync(HttpMethod.Get, Path));
        simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(3)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await _evidence.ThrowsAsync("OperationCanceledException through AddWeChatPay", () => client.SendAsync(HttpMethod.Get, Path, cancellationToken: cancellation.Token));
    }

    private void ProvokeEndpointMapping()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        _disposables.Add((IDisposable)app);
        _evidence.Throws("ArgumentException: endpoint options", () => app.MapWeChatPayNotifications("/n", Client(), (_, _, _) => Task.CompletedTask, new NotificationEndpointOptions { MaxBodyBytes = 0 }));
        _evidence.Throws("ConfigurationException: an endpoint for a client without an APIv3 key", () => app.MapWeChatPayNotifications("/n", Client(o => o.ApiV3Key = null), (_, _, _) => Task.CompletedTask));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyDirectory(folder, System.IO.Path.Combine(to, System.IO.Path.GetFileName(folder)));
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
