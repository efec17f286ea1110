// The shell start-up nudge runs at every new shell: it gets its own tiny bundle (better-sqlite3 only).
if (process.argv[2] === 'nudge') require('./nudge.js');
else require('./cli.js');
