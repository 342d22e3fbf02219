using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// Platform certificates kept fresh in a running client: on a schedule, and on demand when a response or a
/// notification names a serial the client does not know — the rotation WeChat Pay does every few years.
/// </summary>
public class PlatformCertificateRefreshTests
{
    private const string ApiV3Key = TestNotifications.ApiV3Key;

    /// <summary>The serial of platform2_cert.pem: WeChat Pay's certificate after a rotation.</summary>
    private const string RotatedSerial = "4B1D2C3E4F5061728394A5B6C7D8E9F0A1B2C3D4";

    private static readonly Lazy<RSA> RotatedKey = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Fixtures.Text("platform2_key.pem"));
        return rsa;
    });

    private StubHandler _stub = null!;
    private ManualTimeProvider _clock = null!;
    private int _certificateDownloads;

    [SetUp]
    public void SetUp()
    {
        _stub = new StubHandler();
        _clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        _certificateDownloads = 0;
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    /// <summary>A client that trusts only the original platform certificate (or nothing) and refreshes on its own.</summary>
    private WeChatPayClient Client(bool withOriginalCertificate = true, bool autoRefresh = true)
    {
        var options = Fixtures.Options(_stub, _clock);
        options.ApiV3Key = ApiV3Key;
        options.Certs.Clear();
        if (withOriginalCertificate) options.Certs[Fixtures.PlatformSerial] = Fixtures.Text("platform_cert.pem");
        options.AutoRefreshPlatformCertificates = autoRefresh;
        options.PlatformCertificatesRefreshInterval = TimeSpan.FromHours(1);
        return new WeChatPayClient(options);
    }

    /// <summary>
    /// Answers <c>/v3/certificates</c> with the given certificates (signed by the original platform key) and counts the
    /// downloads; answers every other path with <c>{"ok":true}</c> signed by <paramref name="apiKey"/> under <paramref name="apiSerial"/>.
    /// </summary>
    private void Serve(bool withRotated, RSA? apiKey = null, string apiSerial = RotatedSerial, Action? beforeApiAnswer = null)
    {
        var body = CertificatesBody(withRotated);
        _stub.Respond = seen =>
        {
            if (seen.Target == "/v3/certificates")
            {
                Interlocked.Increment(ref _certificateDownloads);
                return SignedBy(Fixtures.PlatformKey.Value, Fixtures.PlatformSerial, body);
            }
            beforeApiAnswer?.Invoke();
            return SignedBy(apiKey ?? RotatedKey.Value, apiSerial, "{\"ok\":true}");
        };
    }

    private static string CertificatesBody(bool withRotated)
    {
        var data = new JArray(Entry(Fixtures.PlatformSerial, "platform_cert.pem", "2030-01-01T00:00:00+08:00"));
        if (withRotated) data.Add(Entry(RotatedSerial, "platform2_cert.pem", "2035-01-01T00:00:00+08:00"));
        return new JObject { ["data"] = data }.ToString(Newtonsoft.Json.Formatting.None);

        static JObject Entry(string serial, string file, string expires) => new()
        {
            ["serial_no"] = serial,
            ["effective_time"] = "2026-01-01T00:00:00+08:00",
            ["expire_time"] = expires,
            ["encrypt_certificate"] = new JObject
            {
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["nonce"] = "61f9fcd1ef2b",
                ["associated_data"] = "certificate",
                ["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", Fixtures.Text(file)),
            },
        };
    }

    /// <summary>A response signed as WeChat Pay signs, with the given key and serial, stamped with the test clock.</summary>
    private HttpResponseMessage SignedBy(RSA key, string serial, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = _clock.Seconds.ToString(CultureInfo.InvariantCulture);
        const string nonce = "C5AC5C72D5A1E46B37C5E5E2D2E3F4A5";
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, ts);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, nonce);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, Rsa.Sign(key, SignatureMessage.ForResponse(ts, nonce, bytes)));
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, serial);
        return response;
    }

    /// <summary>A notification as WeChat Pay posts it, signed with the given key and serial.</summary>
    private (byte[] Body, Dictionary<string, string> Headers) Posted(RSA key, string serial, long? timestamp = null, string? signature = null)
        => TestNotifications.Posted(TestNotifications.Envelope(), timestamp ?? _clock.Seconds, key, serial, signature);

    [Test]
    public void The_schedule_downloads_after_the_interval_and_the_new_serial_then_verifies()
    {
        Serve(withRotated: true);
        using var client = Client();

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.That(_certificateDownloads, Is.Zero, "nothing is due before the interval");
        Assert.That(client.PlatformKeys.ContainsKey(RotatedSerial), Is.False);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(() => client.PlatformKeys.ContainsKey(RotatedSerial), Is.True.After(10_000, 20), "the scheduled refresh added the rotated certificate");
        Assert.That(_certificateDownloads, Is.EqualTo(1));

        Assert.That((bool?)client.Send(HttpMethod.Get, "v3/x").Json["ok"], Is.True, "a response signed with the rotated key verifies");
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);
        Assert.That(client.Notifications.Read(body, headers).Id, Is.EqualTo(TestNotifications.Id));
        Assert.That(_certificateDownloads, Is.EqualTo(1), "no on-demand download was needed");

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.That(() => _certificateDownloads, Is.EqualTo(2).After(10_000, 20), "and again an interval later");
    }

    [Test]
    public async Task A_call_whose_refresh_stalls_ends_within_its_own_timeout_sync_and_async()
    {
        using var transport = new CertificatesStall(() => SignedBy(RotatedKey.Value, RotatedSerial, "{\"ok\":true}"));
        var options = Fixtures.Options(transport, _clock);
        options.ApiV3Key = ApiV3Key;
        options.AutoRefreshPlatformCertificates = true;
        options.Timeout = TimeSpan.FromMilliseconds(500);
        using var client = new WeChatPayClient(options);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
        _clock.Advance(TimeSpan.FromMinutes(2));
        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;

        Assert.That(sync.IsTimeout, Is.True, "the download waited within the call's timeout, not a second one of its own");
        Assert.That(async.IsTimeout, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "two calls of 0.5 s each");
    }

    /// <summary>
    /// Answers API calls with <paramref name="answer"/> after 300 ms, and lets <c>/v3/certificates</c> hang until the
    /// call is cancelled. The 300 ms put the call's own deadline well before the one the download's client starts
    /// later, so which of the two ends the download is never a race.
    /// </summary>
    private sealed class CertificatesStall(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        private static readonly TimeSpan ApiDelay = TimeSpan.FromMilliseconds(300);

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var stall = request.RequestUri!.AbsolutePath == "/v3/certificates";
            if (stall) cancellationToken.WaitHandle.WaitOne();
            else cancellationToken.WaitHandle.WaitOne(ApiDelay);
            cancellationToken.ThrowIfCancellationRequested();
            return answer();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var stall = request.RequestUri!.AbsolutePath == "/v3/certificates";
            await Task.Delay(stall ? System.Threading.Timeout.InfiniteTimeSpan : ApiDelay, cancellationToken);
            return answer();
        }
    }

    [Test]
    public async Task A_caller_cancelled_during_the_download_gives_the_minutes_turn_back()
    {
        Serve(withRotated: true);
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);
        using var leaving = new CancellationTokenSource();
        var answer = _stub.Respond;
        _stub.Respond = seen =>
        {
            if (seen.Target != "/v3/certificates" || leaving.IsCancellationRequested) return answer(seen);
            // The caller goes away while its download is under way (WeChat Pay's sender hung up, say).
            leaving.Cancel();
            throw new OperationCanceledException(leaving.Token);
        };

        Assert.That(async () => await client.Notifications.ReadAsync(body, headers, leaving.Token), Throws.InstanceOf<OperationCanceledException>());
        var next = await client.Notifications.ReadAsync(body, headers);

        Assert.That(next.Id, Is.EqualTo(TestNotifications.Id), "the next notification fetched the keys within the same minute");
        Assert.That(_certificateDownloads, Is.EqualTo(1), "the abandoned attempt never reached the counting answer; the second did");
    }

    [Test]
    public async Task A_notification_signed_with_a_rotated_certificate_fetches_it_and_verifies()
    {
        Serve(withRotated: true);
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);

        var notification = await client.Notifications.ReadAsync(body, headers);

        Assert.That(notification.Id, Is.EqualTo(TestNotifications.Id));
        Assert.That((string?)notification.Resource["out_trade_no"], Is.EqualTo("NO1"));
        Assert.That(_certificateDownloads, Is.EqualTo(1));
        Assert.That(client.Notifications.Read(body, headers).Id, Is.EqualTo(TestNotifications.Id), "the synchronous form, with the key now known");
        Assert.That(_certificateDownloads, Is.EqualTo(1));
    }

    [Test]
    public void The_synchronous_read_also_fetches_an_unknown_serial()
    {
        Serve(withRotated: true);
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);

        Assert.That(client.Notifications.Read(body, headers).EventType, Is.EqualTo("TRANSACTION.SUCCESS"));
        Assert.That(_certificateDownloads, Is.EqualTo(1));
        Assert.That(_stub.Seen.Single().Synchronous, Is.EqualTo(LibraryBuild.SendsSynchronously), "downloaded with the synchronous send where the build has one");
    }

    [Test]
    public async Task An_auto_refreshing_client_with_no_certificates_verifies_a_notification_before_any_call()
    {
        Serve(withRotated: false);
        using var client = Client(withOriginalCertificate: false);
        var (body, headers) = Posted(Fixtures.PlatformKey.Value, Fixtures.PlatformSerial);

        Assert.That((await client.Notifications.ReadAsync(body, headers)).Id, Is.EqualTo(TestNotifications.Id));
        Assert.That(_certificateDownloads, Is.EqualTo(1));
        Assert.That(_stub.Seen.Select(s => s.Target), Is.EqualTo(new[] { "/v3/certificates" }), "the only request was the download");
    }

    [Test]
    public async Task A_notification_whose_serial_the_download_lacks_is_rejected()
    {
        Serve(withRotated: false);
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(body, headers)))!;
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(_certificateDownloads, Is.EqualTo(1));
    }

    [Test]
    public async Task A_notification_with_a_fetched_serial_but_a_forged_signature_is_rejected()
    {
        Serve(withRotated: true);
        using var client = Client();
        var (body, headers) = Posted(Fixtures.PlatformKey.Value, RotatedSerial);

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(body, headers)))!;
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature), "signed with another key than the serial's");
        Assert.That(_certificateDownloads, Is.EqualTo(1));
    }

    [Test]
    public async Task Stale_or_probing_notifications_with_unknown_serials_never_cause_a_download()
    {
        Serve(withRotated: true);
        using var client = Client();
        var (staleBody, staleHeaders) = Posted(RotatedKey.Value, RotatedSerial, timestamp: _clock.Seconds - 3600);
        var (probeBody, probeHeaders) = Posted(RotatedKey.Value, RotatedSerial, signature: ResponseVerifier.ProbeSignaturePrefix + "AAAA");

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(staleBody, staleHeaders)))!.Reason, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(probeBody, probeHeaders)))!.Reason, Is.EqualTo(VerificationFailure.ProbeSignature));
        Assert.That(_certificateDownloads, Is.Zero);
    }

    [Test]
    public async Task Notifications_and_responses_share_one_download_a_minute_for_unknown_serials()
    {
        Serve(withRotated: false, apiKey: Fixtures.PlatformKey.Value, apiSerial: "BOGUS-FOR-RESPONSES");
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, "BOGUS-FOR-NOTIFICATIONS");

        await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(body, headers));
        Assert.That(_certificateDownloads, Is.EqualTo(1));
        Assert.That(Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(Assert.Throws<ResponseVerificationException>(() => client.Notifications.Read(body, headers))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(_certificateDownloads, Is.EqualTo(1), "within the minute, neither path downloads again");

        _clock.Advance(TimeSpan.FromSeconds(61));
        var (later, laterHeaders) = Posted(RotatedKey.Value, "BOGUS-FOR-NOTIFICATIONS");
        await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(later, laterHeaders));
        Assert.That(_certificateDownloads, Is.EqualTo(2), "a minute later, one more");
    }

    [Test]
    public async Task A_client_without_auto_refresh_rejects_an_unknown_serial_without_sending_anything()
    {
        Serve(withRotated: true);
        using var client = Client(autoRefresh: false);
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.Notifications.ReadAsync(body, headers)))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(_stub.Seen, Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Many_responses_naming_the_same_new_serial_at_once_cause_one_download(bool downloadHasIt)
    {
        const int Callers = 12;
        using var together = new Barrier(Callers);
        // Every caller's response is held until all have one, so all of them find the serial unknown at the same time.
        Serve(withRotated: downloadHasIt, beforeApiAnswer: () => together.SignalAndWait(TimeSpan.FromSeconds(30)));
        using var client = Client();

        var outcomes = RunTogether<int>(Callers, i => i % 2 == 0
            ? () => client.Send(HttpMethod.Get, "v3/x").Status
            : () => client.SendAsync(HttpMethod.Get, "v3/x").GetAwaiter().GetResult().Status);

        Assert.That(_certificateDownloads, Is.EqualTo(1));
        if (downloadHasIt)
            Assert.That(outcomes, Is.All.EqualTo((object)200), "every caller verified against the one download");
        else
            Assert.That(outcomes.Select(o => (o as ResponseVerificationException)?.Reason), Is.All.EqualTo(VerificationFailure.UnknownSerial), "every caller rejected");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Many_notifications_naming_the_same_new_serial_at_once_cause_one_download(bool downloadHasIt)
    {
        const int Callers = 12;
        Serve(withRotated: downloadHasIt);
        using var client = Client();
        var (body, headers) = Posted(RotatedKey.Value, RotatedSerial);
        using var together = new Barrier(Callers);

        var outcomes = RunTogether<string>(Callers, i => () =>
        {
            together.SignalAndWait(TimeSpan.FromSeconds(30));
            return i % 2 == 0
                ? client.Notifications.Read(body, headers).Id
                : client.Notifications.ReadAsync(body, headers).GetAwaiter().GetResult().Id;
        });

        Assert.That(_certificateDownloads, Is.EqualTo(1));
        if (downloadHasIt)
            Assert.That(outcomes, Is.All.EqualTo((object)TestNotifications.Id), "every notification verified against the one download");
        else
            Assert.That(outcomes.Select(o => (o as ResponseVerificationException)?.Reason), Is.All.EqualTo(VerificationFailure.UnknownSerial), "every notification rejected");
    }

    /// <summary>Runs each call on its own thread (not the pool, which grows slowly) and returns its result or exception.</summary>
    private static object?[] RunTogether<T>(int count, Func<int, Func<T>> call)
    {
        var outcomes = new object?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                outcomes[i] = call(i)();
            }
            catch (Exception e)
            {
                outcomes[i] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.That(t.Join(TimeSpan.FromSeconds(60)), Is.True, "a caller hung"));
        return outcomes;
    }
}
