using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.Cli;

/// <summary>Prints the demo's steps and checks each one; a failed check goes to stderr.</summary>
internal sealed class Transcript(TextWriter stdout, TextWriter stderr)
{
    private int _step;

    public void Info(string text) => stdout.WriteLine($"   · {text}");

    public bool Step(string name, string style, WeChatPayResponse response, string field, string expected)
        => Step(name, style, response, field, response.Json[field]?.ToString(), expected);

    /// <summary>A step whose checked value the caller read: an APIv2 field, say.</summary>
    public bool Step(string name, string style, WeChatPayResponse response, string field, string? actual, string expected)
    {
        var ok = actual == expected;
        var line = $"{++_step,2}. {name,-9} [{style,-15}] {response.Method,-4} {Clip(response.RequestTarget)} -> {response.Status} {field}={actual}";
        if (ok) stdout.WriteLine($" ✔ {line}");
        else stderr.WriteLine($" ✘ {line} (expected {field}={expected})");
        return ok;
    }

    /// <summary>
    /// Checks that a verified notification is the one this step expects: its event type, and a resource about this
    /// order in the state the event reports, so a stray or out-of-order notification fails the demo.
    /// </summary>
    public bool Notification(Notification notification, string outOrderNo, string eventType, string state)
    {
        var resource = notification.Resource as JObject;
        var ok = notification.EventType == eventType && (string?)resource?["out_order_no"] == outOrderNo && (string?)resource?["state"] == state;
        var line = $"notification {notification.EventType}: signature verified, resource decrypted, state={resource?["state"]}";
        if (ok) stdout.WriteLine($" ✔     {line}");
        else stderr.WriteLine($" ✘     {line} for {resource?["out_order_no"]} (expected {eventType} for {outOrderNo} with state={state})");
        return ok;
    }

    public bool Check(bool ok, string what)
    {
        if (ok) stdout.WriteLine($" ✔     {what}");
        else stderr.WriteLine($" ✘     {what}");
        return ok;
    }

    private static string Clip(string target) => target.Length <= 60 ? target : target[..57] + "...";
}
