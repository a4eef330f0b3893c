// Prettier for the pre-commit hook, with OCA's 19.0 settings (oca-addons-repo-template).
// prettier and @prettier/plugin-xml are installed by tools/setup.sh into .stack/node,
// pinned there, so the plugin is resolved from that folder.
/** @type {import('prettier').Config} */
const config = {
    plugins: [
        require.resolve("@prettier/plugin-xml", {
            paths: [require("path").join(__dirname, ".stack", "node")],
        }),
    ],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
