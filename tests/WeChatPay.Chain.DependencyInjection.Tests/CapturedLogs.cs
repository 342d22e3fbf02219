using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>A logger provider that keeps every line, at every level, of every category, for assertions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    /// <summary>The lines of the client's own category.</summary>
    public IReadOnlyList<LogLine> WeChatPay => Lines.Where(line => line.Category == "WeChatPay.Chain.Http").ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    internal sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>The message and the exception, as a console logger would show them.</summary>
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
