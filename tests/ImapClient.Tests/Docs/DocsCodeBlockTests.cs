using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using ImapClient.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImapClient.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block in <c>README.md</c>, <c>src/ImapClient/PACKAGE.md</c> and <c>docs/*.md</c> compiles, without warnings; and every relative
/// link in those pages leads to a file (and heading) that exists.
/// </summary>
/// <remarks>
/// <para>
/// The convention (also stated in <c>docs/README.md</c>): each block is a whole C# program of top-level statements,
/// compiled on its own, with nullable reference types enabled, the latest language version, and these usings implied:
/// the ones a .NET console project imports (<c>System</c>, <c>System.Collections.Generic</c>, <c>System.IO</c>,
/// <c>System.Linq</c>, <c>System.Net.Http</c>, <c>System.Threading</c>, <c>System.Threading.Tasks</c>) plus
/// <c>ImapClient</c> and <c>MimeKit</c>. Anything else (<c>System.Net</c>, <c>ImapClient.Diagnostics</c>,
/// <c>Microsoft.Extensions.Logging</c> …) the block imports itself. A block may declare types after its statements.
/// </para>
/// <para>
/// It is compiled against the .NET shared framework, the built ImapClient assembly and its dependencies (MimeKit,
/// BouncyCastle, Microsoft.Extensions.Logging.Abstractions), Microsoft.Extensions.Logging.Console for the logging
/// examples and MailKit for the migration page: nothing else from the test project is visible. Blocks are compiled here; the main examples are also run against Dovecot (DocsExampleRunTests).
/// </para>
/// <para>
/// Text that is not a program uses another fence (<c>```text</c>, <c>```sh</c>). The fences <c>```cs</c>,
/// <c>```c#</c> and an unlabelled <c>```</c> are refused, so a C# block cannot slip past by its label.
/// </para>
/// <para>
/// The pages are read from the repository at run time (found by walking up from the test assembly to
/// <c>ImapClient.sln</c>), so an edited page is checked without a rebuild. Metadata references are built once and
/// shared by every block; each block costs one parse and one semantic check (no emit).
/// </para>
/// </remarks>
public partial class DocsCodeBlockTests
{
    /// <summary>The fence labels that are not compiled. Anything else is refused.</summary>
    private static readonly string[] OtherFences = ["text", "sh", "console", "json", "xml"];

    internal const string ImpliedUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using ImapClient;
        global using MimeKit;
        """;

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    internal static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly Lazy<SyntaxTree> ImpliedUsingsTree = new(() =>
        CSharpSyntaxTree.ParseText(ImpliedUsings, ParseOptions, path: "ImpliedUsings.cs"));

    /// <summary>One test case per block, named by file, block number and line.</summary>
    public static IEnumerable<TestCaseData> Blocks() =>
        ReadPages().SelectMany(page => page.Blocks).Where(b => b.Language == "csharp")
            .Select(b => new TestCaseData(b).SetArgDisplayNames(b.File, $"block {b.Number}", $"line {b.Line}"));

    [TestCaseSource(nameof(Blocks))]
    public void Compiles(CodeBlock block)
    {
        var tree = CSharpSyntaxTree.ParseText(block.Code, ParseOptions, path: $"{block.File} block {block.Number}", encoding: Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            "DocsBlock",
            [ImpliedUsingsTree.Value, tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => Describe(block, d))
            .ToList();

        if (problems.Count > 0)
        {
            Assert.Fail($"{block.File}, block {block.Number} (line {block.Line}) does not compile:\n  {string.Join("\n  ", problems)}\n\n{block.Code}");
        }
    }

    [Test]
    public void Every_page_is_found_and_every_fence_is_labelled()
    {
        var pages = ReadPages();
        string[] expected =
        [
            "README.md", "src/ImapClient/PACKAGE.md", "docs/README.md", "docs/connecting.md", "docs/authentication.md", "docs/fetching.md",
            "docs/searching.md", "docs/flags.md", "docs/idle-and-sync.md", "docs/concurrency.md",
            "docs/errors-and-timeouts.md", "docs/diagnostics.md", "docs/benchmarks.md", "docs/migrating-from-mailkit.md",
        ];
        Assert.That(pages.Select(p => p.File), Is.SupersetOf(expected));

        var refused = pages.SelectMany(p => p.Blocks)
            .Where(b => b.Language != "csharp" && !OtherFences.Contains(b.Language))
            .Select(b => $"{b.File} line {b.Line}: ```{b.Language}")
            .ToList();
        Assert.That(refused, Is.Empty,
            $"C# blocks are fenced ```csharp (and compiled); other text uses one of {string.Join(", ", OtherFences)}.");
        Assert.That(pages.SelectMany(p => p.Blocks).Count(b => b.Language == "csharp"), Is.GreaterThan(20));
    }

    [Test]
    public void Every_relative_link_points_to_a_file_and_heading_that_exist()
    {
        var root = RepositoryRoot.Find();
        var broken = new List<string>();
        foreach (var page in ReadPages())
        {
            var directory = Path.GetDirectoryName(Path.Combine(root, page.File))!;
            foreach (var (line, target) in Links(File.ReadAllLines(Path.Combine(root, page.File))))
            {
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var file = path.Length == 0 ? Path.Combine(root, page.File) : Path.GetFullPath(Path.Combine(directory, path));
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add($"{page.File} line {line}: {target} (no such file)");
                }
                else if (hash >= 0 && file.EndsWith(".md", StringComparison.Ordinal)
                    && !Headings(File.ReadAllLines(file)).Contains(target[(hash + 1)..]))
                {
                    broken.Add($"{page.File} line {line}: {target} (no such heading)");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    /// <summary>Markdown links outside code blocks, with their line numbers.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string[] lines)
    {
        var inCode = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (!inCode)
            {
                foreach (System.Text.RegularExpressions.Match match in LinkPattern().Matches(lines[i]))
                {
                    yield return (i + 1, match.Groups[1].Value);
                }
            }
        }
    }

    /// <summary>The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Headings(string[] lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && line.StartsWith('#'))
            {
                var text = line.TrimStart('#').Trim().ToLowerInvariant();
                anchors.Add(string.Concat(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-'));
            }
        }

        return anchors;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial System.Text.RegularExpressions.Regex LinkPattern();

    private static string Describe(CodeBlock block, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var line = span.IsValid && diagnostic.Location.SourceTree?.FilePath != "ImpliedUsings.cs"
            ? $"line {block.Line + 1 + span.StartLinePosition.Line}, column {span.StartLinePosition.Character + 1}: "
            : "";
        return $"{line}{diagnostic.Id} {diagnostic.Severity}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The shared framework, plus the ImapClient assembly, Microsoft.Extensions.Logging.Console and MailKit (for the
    /// migration page; no namespace of it is implied) with everything they reference, as the test host loaded them
    /// (its trusted platform assemblies).
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<Assembly>([
            typeof(ImapConnection).Assembly, typeof(Microsoft.Extensions.Logging.ConsoleLoggerExtensions).Assembly,
            typeof(MailKit.Net.Imap.ImapClient).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!wanted.Add(assembly.GetName().Name!))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!wanted.Contains(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal)
                || wanted.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    internal static IReadOnlyList<Page> ReadPages()
    {
        var root = RepositoryRoot.Find();
        // The package's README (nuget.org shows it) is a page like the others.
        var files = new List<string> { Path.Combine(root, "README.md"), Path.Combine(root, "src", "ImapClient", "PACKAGE.md") };
        var docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md").Order(StringComparer.Ordinal));
        }

        return [.. files.Select(path =>
        {
            var name = Path.GetRelativePath(root, path).Replace('\\', '/');
            return new Page(name, ExtractBlocks(name, File.ReadAllLines(path)));
        })];
    }

    /// <summary>The fenced blocks of a Markdown page: <c>```label</c> up to the next <c>```</c>, indentation removed.</summary>
    private static List<CodeBlock> ExtractBlocks(string file, string[] lines)
    {
        var blocks = new List<CodeBlock>();
        var csharp = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = lines[i].TrimStart();
            if (!opening.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = lines[i].Length - opening.Length;
            var language = opening[3..].Trim();
            var start = i;
            var code = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.Append(lines[i].Length >= indent && string.IsNullOrWhiteSpace(lines[i][..indent]) ? lines[i][indent..] : lines[i].TrimStart()).Append('\n');
            }

            if (i == lines.Length)
            {
                throw new InvalidOperationException($"{file} line {start + 1}: the code block is never closed.");
            }

            var number = language == "csharp" ? ++csharp : 0;
            blocks.Add(new CodeBlock(file, number, start + 1, language, code.ToString()));
        }

        return blocks;
    }

    internal sealed record Page(string File, IReadOnlyList<CodeBlock> Blocks);

    /// <summary>A fenced block: its page, its number among the page's C# blocks, the line of its opening fence.</summary>
    public sealed record CodeBlock(string File, int Number, int Line, string Language, string Code)
    {
        /// <inheritdoc />
        public override string ToString() => $"{File} block {Number}";
    }
}
