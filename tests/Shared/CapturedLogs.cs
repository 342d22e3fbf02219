using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// A logger provider that keeps every line, at every level, of every category, for assertions. One file linked into
/// the test projects that check what the library, the endpoint and the DI package log.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>Every line so far, in the order written.</summary>
    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    /// <summary>The lines of the client's own category (<c>WeChatPay.Chain.Http</c>).</summary>
    public IReadOnlyList<LogLine> WeChatPay => From("WeChatPay.Chain.Http");

    /// <summary>Every line as a console logger would show it, one after another.</summary>
    public string All => string.Join("\n", Lines);

    /// <summary>The lines of the categories that start with <paramref name="categoryPrefix"/>.</summary>
    public IReadOnlyList<LogLine> From(string categoryPrefix) => Lines.Where(line => line.Category.StartsWith(categoryPrefix, StringComparison.Ordinal)).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    internal sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>The message, then the exception when there is one.</summary>
        public string Text => Exception is null ? Message : Message + "\n" + Exception;

        /// <summary>The line as a console logger would show it.</summary>
        public override string ToString() => $"{Level} {Category}: {Text}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
