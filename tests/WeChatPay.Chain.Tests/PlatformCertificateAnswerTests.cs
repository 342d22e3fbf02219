using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Reliability;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// What <c>GET /v3/certificates</c> may answer besides the documented list: answers of another shape, answers too large
/// to hold, answers that stall — each a typed error from the downloader, and none able to break a client that
/// refreshes its certificates on its own.
/// </summary>
public class PlatformCertificateAnswerTests
{
    private const string ApiV3Key = CertificatesAnswers.ApiV3Key;
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler();

    [TearDown]
    public void TearDown() => _stub.Dispose();

    /// <summary>A documented certificate entry for the fixtures' platform certificate, for a test to spoil.</summary>
    private static JObject Entry() => CertificatesAnswers.Entry(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"));

    private static string Answer(params JToken[] entries) => CertificatesAnswers.Of(entries);

    private static JObject Spoiled(Action<JObject> spoil)
    {
        var entry = Entry();
        spoil(entry);
        return entry;
    }

    private static IEnumerable<TestCaseData> MalformedAnswers()
    {
        const string notAList = "is not a JSON object with a data array of certificates";
        yield return new TestCaseData("", notAList).SetName("An empty body");
        yield return new TestCaseData("null", notAList).SetName("A body of null");
        yield return new TestCaseData("\"x\"", notAList).SetName("A body that is a string");
        yield return new TestCaseData("1", notAList).SetName("A body that is a number");
        yield return new TestCaseData("[]", notAList).SetName("A body that is an array");
        yield return new TestCaseData("{}", notAList).SetName("A body without data");
        yield return new TestCaseData("{\"data\":{}}", notAList).SetName("data that is an object");
        yield return new TestCaseData("{\"data\":\"x\"}", notAList).SetName("data that is a string");
        yield return new TestCaseData(Answer(1), "data[0] is a integer, not a certificate object").SetName("An entry that is a number");
        yield return new TestCaseData(Answer(Entry(), new JArray()), "data[1] is a array, not a certificate object").SetName("An entry that is an array");
        yield return new TestCaseData(Answer(Spoiled(e => e["serial_no"] = 7)), "data[0] has no string 'serial_no'").SetName("serial_no that is a number");
        yield return new TestCaseData(Answer(Spoiled(e => e["encrypt_certificate"] = "x")), "has no encrypt_certificate object").SetName("encrypt_certificate that is a string");
        yield return new TestCaseData(Answer(Spoiled(e => e["encrypt_certificate"] = new JArray())), "has no encrypt_certificate object").SetName("encrypt_certificate that is an array");
        yield return new TestCaseData(Answer(Spoiled(e => e.Remove("encrypt_certificate"))), "has no encrypt_certificate object").SetName("encrypt_certificate missing");
        yield return new TestCaseData(Answer(Spoiled(e => e["encrypt_certificate"]!["algorithm"] = new JObject())), "encrypt_certificate has no string 'algorithm'").SetName("algorithm that is an object");
        yield return new TestCaseData(Answer(Spoiled(e => e["encrypt_certificate"]!["associated_data"] = new JObject())), "encrypt_certificate.associated_data is a object, not a string").SetName("associated_data that is an object");
        yield return new TestCaseData(Answer(Spoiled(e => e["encrypt_certificate"]!["nonce"] = 12)), "encrypt_certificate has no string 'nonce'").SetName("nonce that is a number");
        yield return new TestCaseData(Answer(Spoiled(e => ((JObject)e["encrypt_certificate"]!).Remove("ciphertext"))), "encrypt_certificate has no string 'ciphertext'").SetName("ciphertext missing");
        yield return new TestCaseData(Answer(Spoiled(e => e["expire_time"] = new JArray())), "has no string 'expire_time'").SetName("expire_time that is an array");
        yield return new TestCaseData(
            Answer(Spoiled(e => e["encrypt_certificate"]!["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", "file:///etc/hostname"))),
            "does not decrypt to a PEM certificate").SetName("A certificate that decrypts to a file path");
        yield return new TestCaseData(
            Answer(Spoiled(e => e["encrypt_certificate"]!["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))),
            "is not a usable certificate").SetName("A certificate that decrypts to a damaged PEM block");
    }

    [TestCaseSource(nameof(MalformedAnswers))]
    public async Task A_signed_answer_of_another_shape_is_a_format_error_naming_the_field(string body, string named)
    {
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, body);
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: true));

        var async = (await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync()))!;
        var sync = Assert.Throws<ResponseFormatException>(() => downloader.Download())!;

        Assert.That(async.Message, Does.Contain(named));
        Assert.That(sync.Message, Does.Contain(named), "the synchronous form says the same");
        Assert.That(async.Message, Does.Not.Contain(ApiV3Key));
        Assert.That(_stub.Seen, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_unsigned_answer_of_another_shape_is_still_refused()
    {
        // The shape is checked before the signature, which may need the certificates the answer brings; either way
        // nothing from an unsigned answer is used.
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "[]");
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: true));
        await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync());
    }

    [Test]
    public async Task An_answer_streamed_past_the_cap_is_refused_without_being_read_whole()
    {
        var huge = new CountingZeros(32 * 1024 * 1024);
        _stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(huge) };
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: true));

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync()))!;

        Assert.That(e.Message, Does.Contain("is larger than"));
        Assert.That(huge.Served, Is.LessThan(2 * 1024 * 1024), "reading stopped near the 1 MiB cap");
    }

    [Test]
    public async Task An_answer_declared_larger_than_the_cap_is_refused_before_any_of_it_is_read_async_and_sync()
    {
        var huge = new CountingZeros(32 * 1024 * 1024);
        _stub.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(huge) };
            response.Content.Headers.ContentLength = 2 * 1024 * 1024;
            return response;
        };
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: true));

        Assert.That((await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync()))!.Message, Does.Contain("is larger than"));
        Assert.That(Assert.Throws<ResponseFormatException>(() => downloader.Download())!.Message, Does.Contain("is larger than"));
        Assert.That(huge.Served, Is.Zero);
    }

    [Test]
    public async Task An_answer_that_stalls_half_way_times_out_async_and_sync()
    {
        await using var server = new RawHttpServer(async (_, socket, cancellationToken) =>
        {
            await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/json"), ("Content-Length", "100")], cancellationToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes("{\"data\":"), SocketFlags.None, cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        var options = Options(withCerts: false);
        options.HttpMessageHandler = null;
        options.BaseUri = server.BaseUri;
        options.Timeout = TimeSpan.FromMilliseconds(500);
        using var downloader = new PlatformCertificateDownloader(options);

        var asyncCall = downloader.DownloadAsync();
        var syncCall = Task.Run(() => downloader.Download());
        var ended = Task.WhenAll(Quietly(asyncCall), Quietly(syncCall));

        Assert.That(await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(ended), "both calls ended within ten times their timeout");
        Assert.That((await Assert.ThrowsAsync<TransportException>(() => asyncCall))!.IsTimeout, Is.True);
        Assert.That((await Assert.ThrowsAsync<TransportException>(() => syncCall))!.IsTimeout, Is.True);

        static async Task Quietly(Task call)
        {
            try
            {
                await call;
            }
            catch (Exception)
            {
                // Only the ending is awaited here; the failure is asserted on the call itself.
            }
        }
    }

    [Test]
    public async Task An_unknown_serial_whose_refresh_gets_a_malformed_answer_is_still_rejected_as_unknown()
    {
        var client = AutoRefreshingClient(_ => StubHandler.Signed(HttpStatusCode.OK, "[]"));
        using (client)
        {
            var async = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;
            Assert.That(async.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
            Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<ResponseFormatException>());
        }
    }

    [Test]
    public void An_unknown_serial_whose_refresh_gets_a_malformed_answer_is_still_rejected_as_unknown_in_the_synchronous_form()
    {
        var client = AutoRefreshingClient(_ => StubHandler.Signed(HttpStatusCode.OK, "{\"data\":[{\"serial_no\":\"1\",\"encrypt_certificate\":[]}]}"));
        using (client)
        {
            var sync = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
            Assert.That(sync.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
            Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<ResponseFormatException>());
            Assert.That(client.PlatformCertificatesRefreshError!.Message, Does.Contain("encrypt_certificate"));
        }
    }

    [Test]
    public async Task An_unforeseen_exception_in_a_refresh_is_kept_and_the_response_still_rejected()
    {
        var client = AutoRefreshingClient(_ => throw new InvalidOperationException("a transport that fails its own way"));
        using (client)
        {
            Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
            Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<InvalidOperationException>());
        }
    }

    [Test]
    public void An_unforeseen_exception_in_a_refresh_does_not_escape_a_notification_read()
    {
        var client = AutoRefreshingClient(_ => throw new InvalidOperationException("a transport that fails its own way"));
        using (client)
        {
            var (body, headers) = TestNotifications.Posted(TestNotifications.Envelope(), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), serial: "4B1D2C3E4F5061728394A5B6C7D8E9F0A1B2C3D4");

            var e = Assert.Throws<ResponseVerificationException>(() => client.Notifications.Read(body, headers))!;

            Assert.That(e.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
            Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<InvalidOperationException>());
        }
    }

    [Test]
    public void The_callers_cancellation_of_a_refresh_still_comes_out_as_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var client = AutoRefreshingClient(_ =>
        {
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        });
        using (client)
        {
            Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/x", null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(client.PlatformCertificatesRefreshError, Is.Null, "a cancelled refresh is not a failure");
        }
    }

    /// <summary>
    /// A client that trusts nothing yet and refreshes on its own; other paths answer <c>{}</c> signed under the
    /// fixtures' serial, unknown to it, and <c>/v3/certificates</c> answers with <paramref name="certificates"/>.
    /// </summary>
    private WeChatPayClient AutoRefreshingClient(Func<SeenRequest, HttpResponseMessage> certificates)
    {
        _stub.Respond = seen => seen.Target == "/v3/certificates" ? certificates(seen) : StubHandler.Signed(HttpStatusCode.OK, "{}");
        var options = Options(withCerts: false);
        options.ApiV3Key = TestNotifications.ApiV3Key;
        options.AutoRefreshPlatformCertificates = true;
        return new WeChatPayClient(options);
    }

    private ClientOptions Options(bool withCerts)
    {
        var options = Fixtures.Options(_stub);
        options.ApiV3Key = ApiV3Key;
        if (!withCerts) options.Certs.Clear();
        return options;
    }

    /// <summary>A body of zeros produced as it is read, counting the bytes read; its length is not declared.</summary>
    private sealed class CountingZeros(long length) : Stream
    {
        private long _served;

        public long Served => Interlocked.Read(ref _served);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            Array.Clear(buffer, offset, n);
            Interlocked.Add(ref _served, n);
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
