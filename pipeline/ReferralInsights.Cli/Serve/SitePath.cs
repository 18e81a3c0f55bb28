namespace ReferralInsights.Cli.Serve;

/// <summary>Maps a request path to a file under the site folder. Anything that could step outside it (dot segments,
/// back slashes, encoded separators, drive letters, NUL) or name a hidden file is refused rather than resolved.</summary>
public static class SitePath
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

/// <summary>Which pages a scope opens: the admin every page; a partner only <c>partners/&lt;own id&gt;.html</c> and the files
/// under <c>partners/&lt;own id&gt;/</c> (its CSV exports). Every other page is a program page.</summary>
public static class SiteAccess
{
    public static bool Allows(TokenScope scope, string relativePath)
    {
        if (scope.IsAdmin) return true;
        var segments = relativePath.Split('/');
        if (segments.Length < 2 || segments[0] != "partners") return false;
        return segments.Length == 2 ? segments[1] == scope.PartnerId + ".html" : segments[1] == scope.PartnerId;
    }

    /// <summary>The page a scope lands on when it opens the site's root.</summary>
    public static string Home(TokenScope scope) => scope.IsAdmin ? "index.html" : $"partners/{scope.PartnerId}.html";
}
