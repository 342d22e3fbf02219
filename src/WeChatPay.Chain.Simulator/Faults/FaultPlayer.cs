using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Faults;

/// <summary>
/// Plays a <see cref="SimulatedFault"/> on the wire: error answers signed like WeChat Pay's own, gateway pages unsigned
/// as gateways send them, waits on the simulator's clock, and connections aborted before or halfway through an answer.
/// </summary>
internal sealed class FaultPlayer
{
    private readonly ResponseSigner _signer;
    private readonly SignedResponseWriter _writer;
    private readonly TimeProvider _time;

    public FaultPlayer(ResponseSigner signer, SignedResponseWriter writer, TimeProvider time)
    {
        _signer = signer;
        _writer = writer;
        _time = time;
    }

    /// <summary>The wait of a <see cref="SimulatedFaultKind.Slow"/> fault; ends early, throwing, when the client goes away.</summary>
    public Task WaitAsync(SimulatedFault fault, CancellationToken cancellationToken) => Task.Delay(fault.Delay, _time, cancellationToken);

    /// <summary>Sends the fault's own answer, or none; returns the status sent, 0 when the connection was dropped.</summary>
    public async Task<int> ReplaceAsync(HttpContext context, SimulatedFault fault, PlatformKey key, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case SimulatedFaultKind.Answer:
                if (fault.RetryAfter is { } wait)
                    context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                JsonNode? body = fault.Code is null ? null : new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message };
                await _writer.WriteAsync(context, fault.Status, body, key, cancellationToken).ConfigureAwait(false);
                return fault.Status;
            case SimulatedFaultKind.GatewayPage:
                await WriteGatewayPageAsync(context.Response, fault.Status, cancellationToken).ConfigureAwait(false);
                return fault.Status;
            default:
                context.Abort();
                return 0;
        }
    }

    /// <summary>Sends the headers of the real answer, signed over its whole body, then half the body, and aborts.</summary>
    public async Task CutAsync(HttpContext context, int status, Reply reply, PlatformKey key, CancellationToken cancellationToken)
    {
        var response = context.Response;
        byte[] bytes;
        if (reply.File is { } file)
        {
            bytes = file;
            response.ContentType = reply.ContentType;
            if (reply.SignedOverDigest)
                foreach (var (name, value) in _writer.StatementHeaders(file, key)) response.Headers[name] = value;
        }
        else
        {
            bytes = reply.Json is null ? [] : WireJson.Serialize(reply.Json);
            foreach (var (name, value) in _signer.Sign(bytes, key)) response.Headers[name] = value;
            response.ContentType = "application/json; charset=utf-8";
        }
        response.StatusCode = status;
        response.ContentLength = bytes.Length;
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        context.Abort();
    }

    private static async Task WriteGatewayPageAsync(HttpResponse response, int status, CancellationToken cancellationToken)
    {
        var title = $"{status} {ReasonPhrases.GetReasonPhrase(status)}";
        var page = Encoding.UTF8.GetBytes($"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        response.StatusCode = status;
        response.ContentType = "text/html";
        response.ContentLength = page.Length;
        await response.Body.WriteAsync(page, cancellationToken).ConfigureAwait(false);
    }
}
