using System.Collections.Immutable;
using System.Reflection;
using ImapClient.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImapClient.Tests.Architecture;

/// <summary>
/// The folders of <c>src/ImapClient</c> are layers, and a folder names only types of its own layer or of the layers
/// below it (docs/architecture.md, "Layers"). Most public types share the namespace <c>ImapClient</c> whatever their
/// folder, so the layers are folders, not namespaces: the test compiles the library's sources with Roslyn, maps every
/// type declared there to its folder, and resolves every name each file writes (identifiers, member accesses, base
/// types, generic arguments, attributes).
/// </summary>
public class LayeringTests
{
    /// <summary>
    /// The layers, top to bottom; folders on one row may name each other. "" is the project folder itself (the
    /// ImapConnection partial files). docs/architecture.md draws the same order: change both together.
    /// </summary>
    internal static readonly string[][] Layers =
    [
        ["", "Sync"],                                      // the public API and what is built on it
        ["Commands", "Sasl", "Search"],                    // one type per command; SASL steps; search queries
        ["Session"],                                       // the engine: tags, in-flight table, reader and writer
        ["Protocol"],                                      // bytes to values and values to bytes, no I/O
        ["Transport"],                                     // streams and pipes under the session
        ["Model", "Options", "Exceptions", "Events", "Diagnostics"], // plain data, settings and base types everybody may use
    ];

    [Test]
    public void No_folder_names_a_type_from_a_folder_above_it()
    {
        var (violations, _) = Analyse();
        Assert.That(violations, Is.Empty,
            "A folder names a type from a layer above it (docs/architecture.md, \"Layers\"); move the type or the code "
            + "that needs it down:\n  "
            + string.Join("\n  ", violations.Select(v => v.ToString())));
    }

    [Test]
    public void Every_folder_is_in_a_layer_and_every_type_in_one_folder()
    {
        var (_, model) = Analyse();
        var known = Layers.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);

        Assert.That(model.Folders.Where(f => !known.Contains(f)), Is.Empty, "A folder of src/ImapClient is in no layer: add it to Layers.");
        Assert.That(model.SplitTypes, Is.Empty, "A partial type spread over two folders belongs to neither layer.");
        // Guards against a test that passes because names went unresolved: the sources compile here (but for the
        // generated logging methods) and thousands of names resolve to the library's own types.
        Assert.That(model.Errors, Is.Empty, "The library's sources do not compile in the test: names are left unresolved.");
        Assert.That(model.ResolvedNames, Is.GreaterThan(5_000));
    }

    [Test]
    public void A_name_from_a_folder_above_is_reported_with_its_file_line_and_type()
    {
        // The check itself, on a copy of the sources with one upward arrow added: Model/ names a Protocol/ type.
        var extra = CSharpSyntaxTree.ParseText(
            "namespace ImapClient;\ninternal static class LayeringProbe\n{\n    internal static object Probe() => typeof(ImapClient.Protocol.ImapLimits);\n}\n",
            ParseOptions, path: Path.Combine(SourceRoot, "Model", "LayeringProbe.cs"));

        var (violations, _) = Analyse([extra]);

        Assert.That(violations.Select(v => v.ToString()), Does.Contain(
            "Model/LayeringProbe.cs:4 names ImapClient.Protocol.ImapLimits (Protocol/), a layer above Model/"));
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static string SourceRoot => Path.Combine(RepositoryRoot.Find(), "src", "ImapClient");

    private static readonly Lazy<(List<Violation>, SourceModel)> Cached = new(() => Analyse([]));

    private static (List<Violation> Violations, SourceModel Model) Analyse() => Cached.Value;

    /// <summary>The implicit usings of an SDK project with ImplicitUsings enabled, as the library is built.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static (List<Violation>, SourceModel) Analyse(IReadOnlyList<SyntaxTree> extra)
    {
        var root = SourceRoot;
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal);
        var trees = files.AsParallel().AsOrdered()
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f))
            .ToList()
            .Concat(extra)
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "ImplicitUsings.cs"))
            .ToList();

        var compilation = CSharpCompilation.Create(
            "ImapClient", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Layers.Length; i++)
        {
            foreach (var folder in Layers[i])
            {
                rank[folder] = i;
            }
        }

        var sourceTrees = trees.Where(t => t.FilePath.StartsWith(root, StringComparison.Ordinal)).ToList();
        var folders = sourceTrees.Select(t => FolderOf(root, t.FilePath)).ToHashSet(StringComparer.Ordinal);

        // Results per file, computed in parallel: each semantic model is independent.
        var perFile = sourceTrees.AsParallel().Select(tree =>
        {
            var semantic = compilation.GetSemanticModel(tree);
            var from = FolderOf(root, tree.FilePath);
            var found = new List<Violation>();
            var resolved = 0;
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                // `var` names no type; nameof(T) only makes a string (an exception's object name), no use of T.
                if (name.IsVar || IsInNameof(name))
                {
                    continue;
                }

                var info = semantic.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var type = TypeNamedBy(symbol);
                if (type is null)
                {
                    continue;
                }

                var declared = DeclaringFolders(root, type);
                if (declared.Count == 0)
                {
                    continue;
                }

                resolved++;
                var to = declared[0];
                if (rank.TryGetValue(from, out var fromRank) && rank.TryGetValue(to, out var toRank) && toRank < fromRank)
                {
                    var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add(new Violation(Relative(root, tree.FilePath), line, type.ToDisplayString(), to, from));
                }
            }

            return (found, resolved);
        }).ToList();

        var splitTypes = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .Where(t => DeclaringFolders(root, t).Count > 1)
            .Select(t => $"{t.ToDisplayString()}: {string.Join(", ", DeclaringFolders(root, t))}")
            .ToList();

        // What the compiler could not bind. Source generators do not run here, so the [LoggerMessage] methods lack
        // their generated halves (CS8795); anything else means a name went unresolved and could hide an arrow.
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
            .Select(d => d.ToString())
            .ToList();

        var violations = perFile.SelectMany(p => p.found).Distinct()
            .OrderBy(v => v.File, StringComparer.Ordinal).ThenBy(v => v.Line).ToList();
        return (violations, new SourceModel(folders, splitTypes, perFile.Sum(p => p.resolved), errors));
    }

    private static bool IsInNameof(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

    /// <summary>The type a resolved name stands for or belongs to: a type itself, or the type declaring the member.</summary>
    private static INamedTypeSymbol? TypeNamedBy(ISymbol? symbol)
    {
        switch (symbol)
        {
            case IAliasSymbol alias:
                return TypeNamedBy(alias.Target);
            case INamedTypeSymbol named:
                return named.OriginalDefinition;
            case IMethodSymbol method:
                return (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
            case IFieldSymbol or IPropertySymbol or IEventSymbol:
                return symbol.ContainingType?.OriginalDefinition;
            default:
                return null;
        }
    }

    private static List<string> DeclaringFolders(string root, INamedTypeSymbol type) =>
        [.. type.DeclaringSyntaxReferences
            .Select(r => r.SyntaxTree.FilePath)
            .Where(p => p.StartsWith(root, StringComparison.Ordinal))
            .Select(p => FolderOf(root, p))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The top folder under src/ImapClient ("" for files beside the project): Model/Responses is Model.</summary>
    private static string FolderOf(string root, string path)
    {
        var relative = Relative(root, path);
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : relative[..slash];
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The shared framework and the library's own dependencies (MimeKit, BouncyCastle, logging), not the library.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var library = typeof(ImapConnection).Assembly;

        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<AssemblyName>(library.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (wanted.Add(name.Name!))
            {
                foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                {
                    pending.Push(reference);
                }
            }
        }

        return [.. trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal)
                || wanted.Contains(Path.GetFileNameWithoutExtension(path)))
            .Where(path => !string.Equals(Path.GetFileNameWithoutExtension(path), library.GetName().Name, StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    internal sealed record SourceModel(HashSet<string> Folders, List<string> SplitTypes, int ResolvedNames, List<string> Errors);

    /// <summary>One upward arrow: the file and line that name the type, the type, and the two folders.</summary>
    internal sealed record Violation(string File, int Line, string Type, string ToFolder, string FromFolder)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"{File}:{Line} names {Type} ({Display(ToFolder)}), a layer above {Display(FromFolder)}";

        private static string Display(string folder) => folder.Length == 0 ? "src/ImapClient/" : folder + "/";
    }
}
