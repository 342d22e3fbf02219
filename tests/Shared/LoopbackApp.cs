using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// A slim ASP.NET Core app on 127.0.0.1 and a free port, for tests that need a real HTTP server. One file linked into
/// the test projects that host one.
/// </summary>
internal static class LoopbackApp
{
    /// <summary>
    /// Builds the app, logging into <paramref name="logs"/> only (nowhere when null), lets <paramref name="map"/> add
    /// its endpoints, starts it, and returns it with its base address (ending in '/'). Stop and dispose it after.
    /// </summary>
    public static async Task<(WebApplication App, Uri BaseUri)> StartAsync(Action<WebApplication> map, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
