namespace ReferralInsights.Config.Tests;

public class LoadedConfigTests
{
    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "pipeline.yaml");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: configuration file not found ({path})", e.Message);
        Assert.Equal(path, e.File);
        Assert.Equal(0, e.Line);
        Assert.Equal("", e.Key);
    }

    [Fact]
    public void Load_Folder_IsAnError()
    {
        using var folder = new TempFolder();

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(folder.Path));

        Assert.Contains("is a folder, not a configuration file", e.Message);
    }

    // Errors name the file as the caller gave it.
    [Fact]
    public void Load_InvalidFile_ErrorNamesTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("pipeline.yaml", "program:\n  name: X\nattribution:\n  primary_share: 1.5\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.StartsWith($"{path}:4:3: attribution.primary_share: ", e.Message);
    }

    [Fact]
    public void Load_RelativePathToFile_KnowsFullPathAndFolder()
    {
        using var folder = new TempFolder();
        var path = folder.Write(Path.Combine("conf", "pipeline.yaml"), "output:\n  dir: ../out\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var loaded = ConfigLoader.Load(relative);

        Assert.Equal(path, loaded.FilePath);
        Assert.Equal(Path.Combine(folder.Path, "conf"), loaded.BaseDirectory);
        Assert.Equal(Path.Combine(folder.Path, "out"), loaded.OutputDir);
    }

    // Relative paths in the file are relative to the file's folder, never the working directory.
    [Fact]
    public void ResolvePath_RelativeOrAbsolute_TakesConfigFolderAsBase()
    {
        using var folder = new TempFolder();
        var loaded = ConfigLoader.Load(folder.Write(Path.Combine("sub", "pipeline.yaml"), ""));
        var sub = Path.Combine(folder.Path, "sub");

        Assert.Equal(Path.Combine(sub, "data", "crm"), loaded.ResolvePath(loaded.Config.Sources.Crm.Path!));
        Assert.Equal(Path.Combine(folder.Path, "shared", "x.db"), loaded.ResolvePath("../shared/./x.db"));
        Assert.Equal("/var/data/clicks", loaded.ResolvePath("/var/data/clicks"));
        Assert.Equal(Path.Combine(sub, "out"), loaded.OutputDir);
    }

    [Fact]
    public void Load_EngineTempDirectory_IsResolvedAgainstTheConfigFolder_AndOmittedIsTheRunsOwn()
    {
        using var folder = new TempFolder();

        var configured = ConfigLoader.Load(folder.Write(Path.Combine("a", "pipeline.yaml"), "engine:\n  temp_directory: ../spill\n")).Config.Engine;
        var omitted = ConfigLoader.Load(folder.Write(Path.Combine("b", "pipeline.yaml"), "")).Config.Engine;

        Assert.Equal((Path.Combine(folder.Path, "spill"), "6GB", 0), (configured.TempDirectory, configured.MemoryLimit, configured.Threads));
        Assert.Null(omitted.TempDirectory);
    }

    [Fact]
    public void ResolvePath_BlankPath_Throws()
    {
        var loaded = new LoadedConfig(new PipelineConfig(), "/etc/ri/pipeline.yaml", "/etc/ri", "");

        Assert.ThrowsAny<ArgumentException>(() => loaded.ResolvePath(" "));
    }

    // The run manifest records this hash: same bytes, same hash, wherever the file is.
    [Fact]
    public void Hash_SameBytes_SameSha256Hex()
    {
        using var folder = new TempFolder();
        const string text = "program:\n  name: Hash test\n";
        var a = ConfigLoader.Load(folder.Write("a/pipeline.yaml", text));
        var b = ConfigLoader.Load(folder.Write("b/other.yaml", text));

        // printf 'program:\n  name: Hash test\n' | sha256sum
        Assert.Equal("238377b412898dd3f865a59e1d279e6801ac8629cfaf3588bd40660d1e1c4fe4", a.Hash);
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.Hash, ConfigLoader.Load(a.FilePath).Hash);
    }

    // A comment changes the bytes, so the hash, though not the options.
    [Fact]
    public void Hash_DifferentBytes_DifferentHash()
    {
        using var folder = new TempFolder();
        var a = ConfigLoader.Load(folder.Write("a.yaml", "program:\n  name: Hash test\n"));
        var b = ConfigLoader.Load(folder.Write("b.yaml", "program:\n  name: Hash test # note\n"));

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Equal(a.Config.Program.Name, b.Config.Program.Name);
    }

    // Editors on Windows add a byte-order mark; it is part of the hash but not of the YAML.
    [Fact]
    public void Load_Utf8WithBom_Parses()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "pipeline.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "program:\n  name: Bom\n"u8]);

        Assert.Equal("Bom", ConfigLoader.Load(path).Config.Program.Name);
    }

    [Fact]
    public void Load_Example_LoadsWithItsFolderAsBase()
    {
        var loaded = ConfigLoader.Load(TestFiles.Example);

        Assert.Equal(Path.GetDirectoryName(TestFiles.Example), loaded.BaseDirectory);
        Assert.Equal(Path.Combine(loaded.BaseDirectory, "data", "portal"), loaded.ResolvePath(loaded.Config.Sources.Portal.Path!));
        Assert.Equal(64, loaded.Hash.Length);
    }
}
