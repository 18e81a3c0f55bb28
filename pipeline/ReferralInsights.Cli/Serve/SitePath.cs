using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Serve;

/// <summary>Maps a request path to a file under the site folder. Anything that could step outside it (dot segments,
/// back slashes, encoded separators, drive letters, NUL) or name a hidden file is refused rather than resolved.</summary>
internal static class SitePath
{
    /// <summary>The site-relative path ('/'-separated, no leading slash; "" for the root), or null when the path is not
    /// a plain path inside the site.</summary>
    public static string? Relative(string requestPath)
    {
        var trimmed = requestPath.TrimStart('/');
        if (trimmed.Length == 0) return "";
        var segments = trimmed.Split('/');
        foreach (var segment in segments)
            if (segment.Length == 0 || segment[0] == '.' || segment.IndexOfAny(['\\', '%', ':', '\0']) >= 0) return null;
        return trimmed;
    }

    /// <summary>The full file path of <paramref name="relative"/> under <paramref name="siteRoot"/>, checked to stay inside it.</summary>
    public static string? File(string siteRoot, string relative)
    {
        var root = Path.GetFullPath(siteRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}

/// <summary>Which pages a scope opens: the admin every page; a partner only its own scorecard and the files in the
/// folder beside it (its CSV exports), both named by <see cref="ScorecardPages"/> from its id. Every other page is a
/// program page.</summary>
internal static class SiteAccess
{
    public static bool Allows(TokenScope scope, string relativePath)
    {
        if (scope.IsAdmin) return true;
        var exports = ScorecardPages.ExportFolderOf(scope.PartnerId!) + "/";
        return relativePath == ScorecardPages.PathOf(scope.PartnerId!)
               || (relativePath.StartsWith(exports, StringComparison.Ordinal) && relativePath.IndexOf('/', exports.Length) < 0);
    }

    /// <summary>The page a scope lands on when it opens the site's root.</summary>
    public static string Home(TokenScope scope) => scope.IsAdmin ? "index.html" : ScorecardPages.PathOf(scope.PartnerId!);
}
