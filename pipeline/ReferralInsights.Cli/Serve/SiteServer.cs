using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReferralInsights.Cli.Serve;

/// <summary>Serves the published <c>site/</c> on 127.0.0.1 (Kestrel) behind the tokens of <see cref="TokenStore"/>.
/// Every request needs a known token — <c>Authorization: Bearer …</c>, <c>?token=…</c> (which sets an HttpOnly cookie
/// and redirects to the same page without it, so links work and the token leaves the address bar) or that cookie —
/// else 401. A partner token opens only that partner's scorecard and its files (else 403); the admin token opens
/// everything. Only GET and HEAD; paths that could leave the site are 400. The site folder is looked up per request,
/// so a run publishing a new site is served at once.</summary>
internal sealed class SiteServer : IAsyncDisposable
{
    public const string CookieName = "ri_token";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly WebApplication _app;
    private readonly string _siteRoot;
    private readonly TokenStore _tokens;

    private SiteServer(WebApplication app, string siteRoot, TokenStore tokens)
    {
        _app = app;
        _siteRoot = siteRoot;
        _tokens = tokens;
    }

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:8765</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static async Task<SiteServer> StartAsync(string siteRoot, TokenStore tokens, int port, CancellationToken cancel = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var server = new SiteServer(app, Path.GetFullPath(siteRoot), tokens);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address);
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancel) => _app.WaitForShutdownAsync(cancel);

    private async Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.Headers.Allow = "GET, HEAD";
            await Status(response, StatusCodes.Status405MethodNotAllowed, "only GET and HEAD");
            return;
        }

        var (token, fromQuery) = PresentedToken(request);
        var scope = _tokens.Find(token);
        if (scope is null)
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"ReferralInsights\"";
            await Status(response, StatusCodes.Status401Unauthorized, token is null ? "a token is required" : "unknown token");
            return;
        }
        if (fromQuery)
        {
            response.Cookies.Append(CookieName, token!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            // Back to the same page on this site: the path is rebuilt from its checked segments, so "//evil.example/x"
            // cannot become a redirect to another host.
            response.Redirect(LocalUrl(SitePath.Relative(request.Path.Value ?? "/") ?? "") + WithoutToken(request.Query));
            return;
        }

        var relative = SitePath.Relative(request.Path.Value ?? "/");
        if (relative is null)
        {
            await Status(response, StatusCodes.Status400BadRequest, "not a path inside the site");
            return;
        }
        if (relative.Length == 0)
        {
            response.Redirect(LocalUrl(SiteAccess.Home(scope)));
            return;
        }
        if (relative == "favicon.ico" && !File.Exists(Path.Combine(_siteRoot, relative)))
        {
            response.StatusCode = StatusCodes.Status204NoContent; // browsers ask every page for one; a 404 would be a console error
            return;
        }
        if (!SiteAccess.Allows(scope, relative))
        {
            await Status(response, StatusCodes.Status403Forbidden, "this token does not open this page");
            return;
        }
        var file = SitePath.File(_siteRoot, relative);
        if (file is null || !File.Exists(file))
        {
            await Status(response, StatusCodes.Status404NotFound, "not found");
            return;
        }

        response.ContentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        if (type is "text/html" or "text/csv" or "text/plain") response.ContentType += "; charset=utf-8";
        response.ContentLength = new FileInfo(file).Length;
        if (HttpMethods.IsGet(request.Method)) await response.SendFileAsync(file, context.RequestAborted);
    }

    private static (string? Token, bool FromQuery) PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (header["Bearer ".Length..].Trim(), false);
        if (request.Query.TryGetValue("token", out var query) && !string.IsNullOrEmpty(query)) return (query.ToString(), true);
        return (request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null, false);
    }

    private static string LocalUrl(string relative) => "/" + string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));

    private static string WithoutToken(IQueryCollection query)
    {
        var rest = query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        return rest.Count == 0 ? "" : "?" + string.Join('&', rest);
    }

    private static Task Status(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync($"{status} {message}\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
