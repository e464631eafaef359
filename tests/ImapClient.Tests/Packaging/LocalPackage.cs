using System.Globalization;
using System.Reflection;
using ImapClient.Tests.Infrastructure;

// In the Integration namespace, so that DovecotFixture serves these tests too.
namespace ImapClient.Tests.Packaging;

/// <summary>
/// The library packed once per test run into a folder feed, exactly as <c>dotnet pack</c> makes it for nuget.org, and
/// a scratch folder whose nuget.config restores <c>ImapClient</c> from that feed alone and its dependencies from the
/// user's NuGet packages folder (already there from restoring this repository) or else nuget.org. Projects created
/// under <see cref="Root"/> get the package as a user gets it.
/// </summary>
internal sealed class LocalPackage
{
    private static readonly Lazy<Task<LocalPackage>> Shared = new(CreateAsync);

    private LocalPackage(string root, string libraryVersion, string version)
    {
        Root = root;
        LibraryVersion = libraryVersion;
        Version = version;
    }

    /// <summary>The scratch folder: nuget.config, the feed, the packages restored from it, and the test projects.</summary>
    public string Root { get; }

    /// <summary>The library's release number (the project's VersionPrefix), which the samples name in their package references.</summary>
    public string LibraryVersion { get; }

    /// <summary>
    /// The version of the package in the feed: the library's, with a prerelease label unique to this run, so that no
    /// package of the same version already in a NuGet cache can stand in for the one just packed.
    /// </summary>
    public string Version { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string PackagePath => Path.Combine(Feed, $"ImapClient.{Version}.nupkg");

    public string SymbolsPackagePath => Path.Combine(Feed, $"ImapClient.{Version}.snupkg");

    /// <summary>Where restores from <see cref="Root"/> put the packages (the user's packages folder stays untouched).</summary>
    public string PackagesFolder => Path.Combine(Root, "packages");

    public static string RepositoryRoot { get; } = Infrastructure.RepositoryRoot.Find();

    /// <summary>The configuration these tests (and so the library beside them) were built in: packs use the same build.</summary>
    public static string Configuration { get; } =
        typeof(LocalPackage).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    public static Task<LocalPackage> GetAsync() => Shared.Value;

    /// <summary>Deletes the scratch folder, if this run made one.</summary>
    public static void DeleteIfCreated()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            Directory.Delete(Shared.Value.Result.Root, recursive: true);
        }
    }

    /// <summary>A new empty folder under <see cref="Root"/>, where the nuget.config applies.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    private static async Task<LocalPackage> CreateAsync()
    {
        var informational = typeof(ImapConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        // A build from source is 0.1.0-dev.<commits>.g<sha>+<commit>: the samples name the release, 0.1.0.
        var libraryVersion = informational.Split('+')[0].Split('-')[0];
        var version = $"{libraryVersion}-test.g{Guid.NewGuid().ToString("N")[..12]}";
        var root = Directory.CreateTempSubdirectory("imapclient-package-").FullName;
        var package = new LocalPackage(root, libraryVersion, version);

        // The library these tests were built with, packed without building it again: the same code in the same
        // configuration (Release under tests/run.sh), under the test version. Not for publishing, so a CI clone
        // without a remote may pack it too.
        var configuration = Configuration;
        await Programs.DotnetAsync(
            root, "pack", Path.Combine(RepositoryRoot, "src", "ImapClient", "ImapClient.csproj"), "--nologo", "--no-build",
            "-c", configuration, "-o", package.Feed, $"-p:PackageVersion={version}", "-p:RequireRepositoryInformation=false",
            $"-p:NuspecOutputPath={Path.Combine(root, "nuspec")}{Path.DirectorySeparatorChar}");

        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{package.PackagesFolder}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="ImapClient" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <clear />
                <add key="user" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        // Vulnerability audits need the network and are about dependencies, not about this package.
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
            </Project>
            """);
        return package;
    }

    /// <summary>The version as text in a project or script, e.g. <c>ImapClient@0.1.0</c>, replaced by the test version.</summary>
    public string UseTestVersion(string text, string reference)
    {
        var expected = string.Format(CultureInfo.InvariantCulture, reference, LibraryVersion);
        Assert.That(text, Does.Contain(expected), $"the sample should reference the library's current version: {expected}");
        return text.Replace(expected, string.Format(CultureInfo.InvariantCulture, reference, Version), StringComparison.Ordinal);
    }
}

/// <summary>Deletes the packaging tests' scratch folder at the end of the run.</summary>
[SetUpFixture]
public sealed class PackagingFixture
{
    [OneTimeTearDown]
    public void DeleteLocalPackage() => LocalPackage.DeleteIfCreated();
}
