using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>
/// A bare TCP listener on 127.0.0.1, port 0, that reads each request's head and then does exactly what the test's
/// <see cref="Behaviour"/> writes on the socket — half a body, a reset, nothing at all — which no HTTP server
/// library will do on purpose. Connections stay open until the behaviour ends or the server is disposed.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _requests;

    /// <param name="behaviour">Given the request line (e.g. <c>GET /v3/x HTTP/1.1</c>) and the connection; answers or misbehaves.</param>
    public RawHttpServer(Func<string, Socket, CancellationToken, Task> behaviour)
    {
        Behaviour = behaviour;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Func<string, Socket, CancellationToken, Task> Behaviour { get; }

    public Uri BaseUri { get; }

    /// <summary>Request heads read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The whole head of the last request read, as it came off the socket; null before the first.</summary>
    public string? LastHead { get; private set; }

    /// <summary>Writes an HTTP/1.1 response head; the body, if any, is the caller's to write.</summary>
    public static Task WriteHeadAsync(Socket socket, int status, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} Status\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        return socket.SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), SocketFlags.None, cancellationToken).AsTask();
    }

    /// <summary>Closes with a TCP reset (linger 0) rather than an orderly FIN.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections) _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            var head = await ReadHeadAsync(socket, _stopping.Token);
            if (head is null) return;
            LastHead = head;
            Interlocked.Increment(ref _requests);
            await Behaviour(head.Split("\r\n")[0], socket, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The server is stopping, or the client went away: both are what these tests provoke.
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads up to the blank line ending the request head; returns the head, or null if the client closed first.</summary>
    private static async Task<string?> ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.Length < 64 * 1024)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0) return null;
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        var text = received.ToString();
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 2)];
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }
}
