using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImapClient.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ImapClient.Tests.Packaging;

/// <summary>What a script sees besides its own code, as under dotnet-script: the arguments after <c>--</c>.</summary>
public sealed class ScriptGlobals(IList<string> args)
{
    public IList<string> Args { get; } = args;
}

/// <summary>
/// Runs a C# script (.csx) as dotnet-script would, with Roslyn's scripting API, for tests of the script sample:
/// each <c>#r "nuget: Id, Version"</c> is restored by a helper project (so from the feed and folders its nuget.config
/// names); the assemblies of the packages and of their dependencies become the script's references, and the
/// directive itself resolves to the package's main assembly. The script sees the shared framework and
/// <see cref="ScriptGlobals.Args"/>; it adds no usings of its own, so a script that runs here names what it uses.
/// </summary>
internal static partial class ScriptHost
{
    /// <summary>Compiles and runs the script and returns what it wrote to the console; compiler errors or warnings fail the test.</summary>
    public static async Task<string> RunAsync(string scriptPath, string workFolder, IList<string> args)
    {
        var code = await File.ReadAllTextAsync(scriptPath);
        var packages = NuGetReference().Matches(code).Select(m => (Id: m.Groups["id"].Value, Version: m.Groups["version"].Value)).ToList();
        var (directives, assemblies) = await RestoreAsync(packages, workFolder);

        var options = ScriptOptions.Default
            .WithFilePath(scriptPath)
            .WithReferences(FrameworkReferences().Concat(assemblies))
            .WithMetadataResolver(new NuGetResolver(directives, ScriptOptions.Default.MetadataResolver));
        var script = CSharpScript.Create(code, options, typeof(ScriptGlobals));
        var diagnostics = script.Compile().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(diagnostics, Is.Empty, () => string.Join('\n', diagnostics));

        var console = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            await script.RunAsync(new ScriptGlobals(args));
        }
        finally
        {
            Console.SetOut(console);
        }

        return output.ToString();
    }

    /// <summary>
    /// Restores the packages with a helper project. Returns the assemblies of the packages and of everything they
    /// depend on, as NuGet chose them for net10.0, and for each <c>nuget:</c> directive its package's main assembly
    /// (a directive resolves to one assembly; the rest are references of the script).
    /// </summary>
    private static async Task<(Dictionary<string, PortableExecutableReference> Directives, List<PortableExecutableReference> Assemblies)> RestoreAsync(
        List<(string Id, string Version)> packages, string workFolder)
    {
        var packageReferences = string.Concat(packages.Select(p => $"""<PackageReference Include="{p.Id}" Version="{p.Version}" />"""));
        await File.WriteAllTextAsync(Path.Combine(workFolder, "script-packages.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>{packageReferences}</ItemGroup>
            </Project>
            """);
        await Programs.DotnetAsync(workFolder, "restore", "--nologo");

        using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(workFolder, "obj", "project.assets.json")));
        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(f => f.Name).ToList();
        var libraries = assets.RootElement.GetProperty("libraries");
        var target = assets.RootElement.GetProperty("targets").GetProperty("net10.0");

        // Each package's runtime assemblies. The helper project references nothing else, and packages the framework
        // already provides are pruned, so these are exactly what the script needs besides the framework.
        var assemblies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.EnumerateObject())
        {
            var id = library.Name.Split('/')[0];
            var path = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
            var folder = folders.Select(f => Path.Combine(f, path)).First(Directory.Exists);
            assemblies[id] = library.Value.TryGetProperty("runtime", out var runtime)
                ? [.. runtime.EnumerateObject().Where(a => a.Name.EndsWith(".dll", StringComparison.Ordinal)).Select(a => Path.Combine(folder, a.Name))]
                : [];
        }

        var references = assemblies.Values.SelectMany(files => files).Distinct()
            .ToDictionary(file => file, file => MetadataReference.CreateFromFile(file));
        var directives = new Dictionary<string, PortableExecutableReference>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, version) in packages)
        {
            var own = assemblies[id];
            var main = own.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f).Equals(id, StringComparison.OrdinalIgnoreCase)) ?? own.First();
            directives[$"{id}, {version}"] = references[main];
        }

        return (directives, [.. references.Values]);
    }

    /// <summary>The shared framework (Microsoft.NETCore.App) that the tests run on, as dotnet-script references it.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == runtime)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*,\s*(?<version>[^"\s]+)\s*"\s*$""", RegexOptions.Multiline)]
    private static partial Regex NuGetReference();

    /// <summary>Resolves <c>#r "nuget: Id, Version"</c> to the package's main assembly; anything else as Roslyn does.</summary>
    private sealed class NuGetResolver(
        Dictionary<string, PortableExecutableReference> packages, MetadataReferenceResolver fallback) : MetadataReferenceResolver
    {
        public override bool ResolveMissingAssemblies => fallback.ResolveMissingAssemblies;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
        {
            if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                return fallback.ResolveReference(reference, baseFilePath, properties);
            }

            var key = Regex.Replace(reference["nuget:".Length..].Trim(), @"\s*,\s*", ", ");
            return packages.TryGetValue(key, out var assembly) ? [assembly] : [];
        }

        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
            fallback.ResolveMissingAssembly(definition, referenceIdentity);

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => packages.GetHashCode();
    }
}
