using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary><c>wxpay certificates</c> when things go wrong: one line on stderr and a documented exit code, never a stack trace.</summary>
public class CertificatesCommandTests
{
    private TempDir _work = null!;
    private string _privateKey = null!;

    [SetUp]
    public void SetUp()
    {
        _work = new TempDir();
        Directory.CreateDirectory(_work.Path);
        _privateKey = Path.Combine(_work.Path, "apiclient_key.pem");
        using var rsa = RSA.Create(2048);
        File.WriteAllText(_privateKey, rsa.ExportPkcs8PrivateKeyPem());
    }

    [TearDown]
    public void TearDown() => _work.Dispose();

    private string[] Credentials(Uri baseUri) =>
    [
        "--mchid", "1900000001", "--serial", "3775B6A45ACDEF1234567890ABCDEF1234567890", "--private-key", _privateKey,
        "--apiv3-key", "0123456789abcdefABCDEF0123456789", "--base-uri", baseUri.ToString(), "--timeout", "10",
    ];

    [TestCase("[]", "data array", TestName = "An answer that is an array exits 2")]
    [TestCase("{\"data\":[{\"serial_no\":\"5157\",\"encrypt_certificate\":\"x\"}]}", "encrypt_certificate", TestName = "An answer whose encrypt_certificate is a string exits 2")]
    [TestCase("", "data array", TestName = "An empty answer exits 2")]
    public async Task A_malformed_answer_exits_2_with_one_message_and_no_stack_trace(string answer, string named)
    {
        await using var server = new FixedAnswerServer(answer);

        var (code, stdout, stderr) = await Cli.RunAsync(["certificates", "--out", Path.Combine(_work.Path, "out"), .. Credentials(server.BaseUri)]);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain(named));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task An_out_directory_that_cannot_be_created_exits_64_before_downloading()
    {
        await using var server = new FixedAnswerServer("[]");
        var file = Path.Combine(_work.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");

        var (code, _, stderr) = await Cli.RunAsync(["certificates", "--out", Path.Combine(file, "sub"), .. Credentials(server.BaseUri)]);

        Assert.That(code, Is.EqualTo(64), stderr);
        Assert.That(stderr, Does.Contain("--out").And.Contain("cannot create the directory"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(server.Requests, Is.Zero, "nothing was downloaded");
    }

    /// <summary>Answers every request on 127.0.0.1 with HTTP 200 and the same JSON body, unsigned, then closes.</summary>
    private sealed class FixedAnswerServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stopping = new();
        private readonly Task _serving;
        private int _requests;

        public FixedAnswerServer(string body)
        {
            _listener.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _serving = ServeAsync(Encoding.UTF8.GetBytes(body));
        }

        public Uri BaseUri { get; }

        public int Requests => Volatile.Read(ref _requests);

        private async Task ServeAsync(byte[] body)
        {
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    using var socket = await _listener.AcceptSocketAsync(_stopping.Token);
                    var received = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                        if (read == 0) break;
                        received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    Interlocked.Increment(ref _requests);
                    await socket.SendAsync(head.Concat(body).ToArray(), SocketFlags.None, _stopping.Token);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    if (_stopping.IsCancellationRequested) return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stopping.Cancel();
            _listener.Stop();
            await _serving;
            _stopping.Dispose();
        }
    }
}
