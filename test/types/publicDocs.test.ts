// @vitest-environment node
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/*
 * Every public export, every member of an exported interface or type, and every field of the
 * options object an exported function takes carries a JSDoc comment: it is what an editor shows
 * on hover, and what Storybook's docs table reads. Declarations from other packages (the <div>
 * props PlexLogin passes on) are theirs to document.
 */
const ENTRIES = ['src/index.ts', 'src/client.ts', 'src/testing/index.ts', 'src/testing/msw.ts']

function undocumented(): string[] {
  const program = ts.createProgram(ENTRIES, {
    strict: true,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const missing = new Set<string>()
  const seen = new Set<ts.Symbol>()
  const documented = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== ''
  const where = (node: ts.Node) => {
    const file = node.getSourceFile()
    return `${file.fileName.slice(file.fileName.indexOf('src/'))}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
  }
  const checkMembers = (owner: string, type: ts.Type) => {
    for (const member of type.isUnion() ? type.types.flatMap((part) => part.getProperties()) : type.getProperties()) {
      const declaration = member.declarations?.[0]
      if (!declaration || declaration.getSourceFile().fileName.includes('/node_modules/') || seen.has(member)) continue
      seen.add(member)
      if (!documented(member)) missing.add(`${owner}.${member.name} (${where(declaration)})`)
    }
  }
  for (const entry of ENTRIES) {
    const source = program.getSourceFile(entry)
    const entryModule = source && checker.getSymbolAtLocation(source)
    if (!entryModule) throw new Error(`${entry} was not found`)
    for (const exported of checker.getExportsOfModule(entryModule)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const declaration = symbol.declarations?.[0]
      if (!declaration) continue
      if (!documented(symbol)) missing.add(`${exported.name} (${where(declaration)})`)
      if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) checkMembers(exported.name, checker.getDeclaredTypeOfSymbol(symbol))
      if (symbol.flags & ts.SymbolFlags.Function) {
        for (const signature of checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, declaration), ts.SignatureKind.Call)) {
          const [options] = signature.getParameters()
          const optionsDeclaration = options?.declarations?.[0]
          if (options && optionsDeclaration) checkMembers(`${exported.name}(${options.name})`, checker.getTypeOfSymbolAtLocation(options, optionsDeclaration))
        }
      }
    }
  }
  return [...missing].sort()
}

describe('the public API', () => {
  it('documents every export, every member of its types and every option, in JSDoc', () => {
    expect(undocumented()).toEqual([])
  }, 60_000)
})
