using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Packaging;

/// <summary>The NuGet package as users get it: what it says about itself, and a new app built against it.</summary>
public class PackageTests : DovecotTests
{
    [Test]
    public async Task The_package_names_itself_its_license_readme_repository_and_dependencies()
    {
        var package = await LocalPackage.GetAsync();
        using var nupkg = ZipFile.OpenRead(package.PackagePath);
        var nuspec = XDocument.Load(nupkg.GetEntry("ImapClient.nuspec")!.Open()).Root!;
        var ns = nuspec.GetDefaultNamespace();
        var metadata = nuspec.Element(ns + "metadata")!;
        string? Field(string name) => metadata.Element(ns + name)?.Value;

        Assert.That(Field("id"), Is.EqualTo("ImapClient"));
        Assert.That(Field("version"), Is.EqualTo(package.Version));
        Assert.That(Field("description"), Does.Contain("IMAP"));
        Assert.That(Field("tags")!.Split(' '), Does.Contain("imap").And.Contain("email"));
        Assert.That(metadata.Element(ns + "license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
        Assert.That(Field("license"), Is.EqualTo("MIT"));

        // The README shown on the package page.
        Assert.That(Field("readme"), Is.EqualTo("PACKAGE.md"));
        using (var readme = new StreamReader(nupkg.GetEntry("PACKAGE.md")!.Open()))
        {
            Assert.That(await readme.ReadToEndAsync(), Does.StartWith("# ImapClient").And.Contain("ImapConnection.ConnectAsync"));
        }

        // The icon and the project's home (a placeholder URL until the project has its public one).
        Assert.That(Field("icon"), Is.EqualTo("icon.png"));
        using (var icon = new BinaryReader(nupkg.GetEntry("icon.png")!.Open()))
        {
            Assert.That(icon.ReadBytes(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        }

        Assert.That(Field("projectUrl"), Is.EqualTo("https://github.com/imapclient/imapclient"));

        // SourceLink: the commit the package was built from; the URL is the clone's origin remote, or the project's
        // home for a clone without one.
        var repository = metadata.Element(ns + "repository");
        Assert.That(repository?.Attribute("type")?.Value, Is.EqualTo("git"));
        var origin = await Programs.RunAsync("git", ["remote", "get-url", "origin"], LocalPackage.RepositoryRoot);
        Assert.That(repository!.Attribute("url")?.Value,
            origin.ExitCode == 0 ? Does.StartWith("https://") : Is.EqualTo("https://github.com/imapclient/imapclient"));
        var head = await Programs.RunAsync("git", ["rev-parse", "HEAD"], LocalPackage.RepositoryRoot);
        if (head.ExitCode == 0)
        {
            Assert.That(repository.Attribute("commit")?.Value, Is.EqualTo(head.Output.Trim()));
        }

        var dependencies = metadata.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        Assert.That(dependencies, Does.ContainKey("MimeKit").And.ContainKey("BouncyCastle.Cryptography").And.ContainKey("Microsoft.Extensions.Logging.Abstractions"));
        Assert.That(metadata.Descendants(ns + "group").Select(g => g.Attribute("targetFramework")?.Value), Is.EqualTo(new[] { "net10.0" }));
    }

    /// <summary>
    /// A pack from source without a version is a prerelease that names the commit, so no package of an earlier commit
    /// in NuGet's global packages folder can stand in for it; an explicit version wins; without git the build time
    /// labels it.
    /// </summary>
    [Test]
    public async Task A_pack_from_source_is_a_prerelease_that_changes_with_each_commit_unless_a_version_is_given()
    {
        var package = await LocalPackage.GetAsync();
        var count = await Programs.RunAsync("git", ["rev-list", "--count", "HEAD"], LocalPackage.RepositoryRoot);
        var sha = await Programs.RunAsync("git", ["rev-parse", "--short=10", "HEAD"], LocalPackage.RepositoryRoot);
        Assert.That((count.ExitCode, sha.ExitCode), Is.EqualTo((0, 0)), "these tests run in a git clone");
        var fromGit = $"{package.LibraryVersion}-dev.{count.Output.Trim()}.g{sha.Output.Trim()}";

        // The build these tests run on says so too.
        var informational = typeof(ImapConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(informational, Does.StartWith(fromGit + "+"));

        Assert.That(await PackAsync("dev"), Is.EqualTo(fromGit));
        Assert.That(await PackAsync("release", "-p:Version=9.8.7"), Is.EqualTo("9.8.7"));
        Assert.That(await PackAsync("suffix", "-p:VersionSuffix=beta.2"), Is.EqualTo($"{package.LibraryVersion}-beta.2"));
        Assert.That(await PackAsync("no-git", "-p:ImapClientGit=/nonexistent/git"), Does.Match($@"^{Regex.Escape(package.LibraryVersion)}-dev\.0\.t\d{{14}}$"));

        async Task<string> PackAsync(string name, params string[] properties)
        {
            var output = package.NewFolder("versions-" + name);
            await Programs.DotnetAsync(
                output, ["pack", Path.Combine(LocalPackage.RepositoryRoot, "src", "ImapClient", "ImapClient.csproj"), "--nologo", "--no-build",
                "-c", LocalPackage.Configuration, "-o", output, "-p:RequireRepositoryInformation=false", "-p:IncludeSymbols=false",
                $"-p:NuspecOutputPath={Path.Combine(output, "nuspec")}{Path.DirectorySeparatorChar}", .. properties]);
            var nupkg = Directory.GetFiles(output, "*.nupkg").Single();
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.GetEntry("ImapClient.nuspec")!.Open()).Root!;
            var version = nuspec.Element(nuspec.GetDefaultNamespace() + "metadata")!.Element(nuspec.GetDefaultNamespace() + "version")!.Value;
            Assert.That(Path.GetFileName(nupkg), Is.EqualTo($"ImapClient.{version}.nupkg"));
            return version;
        }
    }

    [Test]
    public async Task The_package_holds_the_library_its_xml_docs_and_symbols_marked_trimmable_and_aot_compatible()
    {
        var package = await LocalPackage.GetAsync();
        using var nupkg = ZipFile.OpenRead(package.PackagePath);
        var files = nupkg.Entries.Select(e => e.FullName).ToList();
        Assert.That(files, Does.Contain("lib/net10.0/ImapClient.dll").And.Contain("lib/net10.0/ImapClient.xml"));

        var docs = XDocument.Load(nupkg.GetEntry("lib/net10.0/ImapClient.xml")!.Open());
        Assert.That(docs.Descendants("member").Select(m => m.Attribute("name")?.Value), Does.Contain("T:ImapClient.ImapConnection"));

        // IsTrimmable and IsAotCompatible leave these marks, which the trimmer and ILC read.
        var context = new AssemblyLoadContext("package", isCollectible: true);
        try
        {
            using var stream = new MemoryStream();
            await using (var dll = nupkg.GetEntry("lib/net10.0/ImapClient.dll")!.Open())
            {
                await dll.CopyToAsync(stream);
            }

            stream.Position = 0;
            var marks = context.LoadFromStream(stream).GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == typeof(AssemblyMetadataAttribute).FullName)
                .ToDictionary(a => (string)a.ConstructorArguments[0].Value!, a => (string?)a.ConstructorArguments[1].Value);
            Assert.That(marks, Does.ContainKey("IsTrimmable").WithValue("True"));
            Assert.That(marks, Does.ContainKey("IsAotCompatible").WithValue("True"));
        }
        finally
        {
            context.Unload();
        }

        Assert.That(File.Exists(package.SymbolsPackagePath), Is.True, "the symbol package (.snupkg) for the symbol server");
        using var snupkg = ZipFile.OpenRead(package.SymbolsPackagePath);
        Assert.That(snupkg.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/ImapClient.pdb"));
    }

    [Test]
    public async Task A_new_console_app_built_against_the_package_signs_in_and_counts_a_mailbox()
    {
        var package = await LocalPackage.GetAsync();
        var mailbox = IntegrationConnections.SeedMailbox(3);
        var app = package.NewFolder("console");
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ImapClient" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using ImapClient;

            var (host, port, user, password, mailbox) = (args[0], int.Parse(args[1]), args[2], args[3], args[4]);
            var options = new ImapConnectionOptions { AllowPlaintextAuthentication = true };
            await using var imap = await ImapConnection.ConnectAsync(host, port, ImapSecurity.None, options);
            await imap.LoginAsync(user, password);
            var selected = await imap.SelectAsync(mailbox);
            Console.WriteLine($"{selected.Name}: {selected.Exists} messages");
            await imap.LogoutAsync();
            """);

        await Programs.DotnetAsync(app, "build", "--nologo", "-c", "Release", "-o", "out");

        // Built against the package from the feed, not anything else called ImapClient.
        var deps = await File.ReadAllTextAsync(Path.Combine(app, "out", "app.deps.json"));
        Assert.That(deps, Does.Contain($"\"ImapClient/{package.Version}\""));

        var server = DovecotFixture.Server;
        var run = await Programs.RunAsync("dotnet", [
            Path.Combine(app, "out", "app.dll"), server.Host, server.Port.ToString(CultureInfo.InvariantCulture),
            "testuser", server.Users["testuser"], mailbox]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output.Trim(), Is.EqualTo($"{mailbox}: 3 messages"));
    }
}
